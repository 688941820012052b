/* demo.c -- what safeasm does, in two asm statements.

   Build it with the plugin (scripts/demo.sh does all of this):

     gcc -O2 -fplugin=plugin/.libs/safeasm.so examples/demo.c -o demo

   At compile time the plugin accepts the first asm and warns about the
   second.  At run time the first one prints its result; the second one,
   which the plugin replaced by a message and a trap, stops the program
   with SIGILL before it can do any harm.  */

#include <stdio.h>

/* Accepted.  bswap reverses the bytes of its operand in place: the
   operand is read and written, so it is "+r", and the asm touches
   nothing else.  */
static unsigned
swap_bytes (unsigned x)
{
  __asm__ ("bswapl %0" : "+r" (x));
  return x;
}

/* Rejected.  cpuid writes eax, ebx, ecx and edx, but only eax, ecx and
   edx are declared: GCC may keep one of its own values in rbx across
   the asm, and cpuid would silently destroy it.
   The fix: add "=b" (b) to the outputs, or "rbx" to the clobbers.  */
static unsigned
highest_leaf (void)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid"
		    : "=a" (a), "=c" (c), "=d" (d)
		    : "0" (0), "1" (0));
  return a;
}

int
main (void)
{
  printf ("bswap(0x12345678) = %#x\n", swap_bytes (0x12345678u));
  fflush (stdout);		/* print it before the trap below */
  printf ("highest cpuid leaf = %u\n", highest_leaf ());
  return 0;
}
