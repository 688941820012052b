/* No asm at all: the plugin's loader must not load its core for it
   (args.exp).  */

#include <stdio.h>

static unsigned
swap (unsigned x)
{
  return __builtin_bswap32 (x);
}

int
main (void)
{
  printf ("%s\n", swap (0x12345678u) == 0x78563412u ? "no asm ok" : "wrong");
  return 0;
}
