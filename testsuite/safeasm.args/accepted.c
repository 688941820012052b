/* An accepted asm: for the argument tests that need a clean compile
   (help, policy=strict, unknown arguments).  */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
swap (unsigned x)
{
  __asm__ ("bswapl %0" : "+r" (x)); /* ASM-LINE */
  return x;
}

int
main (void)
{
  printf ("%s\n", swap (0x12345678u) == 0x78563412u ? "accepted ok" : "wrong");
  return 0;
}
