/* Rejected asm statements whose fixes are mechanical, for the fix-it
   tests of args.exp: -fdiagnostics-generate-patch must print a patch
   that applies and after which the plugin accepts every statement but
   the one in a macro (MACRO-LINE), which gets no fix-it.  The marker
   FIX-N is on the line of statement N.  */

#include <stdint.h>

#define CPUID_MAX(a, c, d) \
  __asm__ volatile ("cpuid" : "=a" (a), "=c" (c), "=d" (d) : "0" (0), "1" (0))

unsigned
max_leaf (void)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" /* FIX-1 */
		    : "=a" (a), "=c" (c), "=d" (d)
		    : "0" (0), "1" (0));
  return a;
}

unsigned
max_leaf_macro (void)
{
  unsigned a, c, d;
  CPUID_MAX (a, c, d); /* MACRO-LINE */
  return a;
}

unsigned
add (unsigned x, unsigned y)
{
  __asm__ ("addl %[y], %[x]" : [x] "=r" (x) : [y] "r" (y) : "cc"); /* FIX-2 */
  return x;
}

unsigned
scale_add (unsigned a, unsigned b)
{
  unsigned out;
  __asm__ ("movl %2, %0\n\t" /* FIX-3 */
	   "shll $3, %0\n\t"
	   "addl %1, %0"
	   : "=r,r" (out)
	   : "r,r" (b), "r,r" (a)
	   : "cc");
  return out;
}

uint64_t
ticks (void)
{
  uint32_t lo, hi;
  __asm__ ("rdtsc" : "=a" (lo), "=d" (hi)); /* FIX-4 */
  return ((uint64_t) hi << 32) | lo;
}

void
store (int *p)
{
  __asm__ volatile ("movl $42, (%0)" :: "r" (p)); /* FIX-5 */
}

void
scratch (void)
{
  __asm__ ("xorl %ebx, %ebx\n\t" /* FIX-6 */
	   "xorl %r12d, %r12d");
}

int
test_zero (int x)
{
  __asm__ goto ("testl %0, %0\n\t" /* FIX-7 */
		"movl $1, %%r13d\n\t"
		"jz %l[zero]"
		: : "r" (x) : "cc" : zero);
  return 1;
zero:
  return 0;
}
