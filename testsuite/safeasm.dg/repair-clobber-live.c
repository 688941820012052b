/* mode=repair, a missing clobber of a live register.  X lives across a
   call GCC cannot see into, so GCC keeps it in a callee-saved register,
   %rbx first; the asm uses %rbx and %r12 as scratch without saying so.
   Compiled as written, this returns 1 instead of 42 at -O2 (see
   repair-miscompile-warn.c).  The repair adds "rbx" and "r12" to the
   clobbers; GCC then keeps X elsewhere and the program is right at
   every level.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=repair" } */

#include <stdio.h>

__attribute__ ((noinline)) static long
opaque (long v)
{
  __asm__ ("" : "+r" (v));
  return v;
}

/* Called through a volatile pointer: GCC must assume the ABI.  */
static long (*volatile opaque_p) (long) = opaque;

__attribute__ ((noinline)) static long
sum (long a, long b)
{
  long x = opaque_p (a);
  long y = opaque_p (b);
  __asm__ volatile ("movq $-1, %%rbx\n\t" /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*%rbx" } */
		    "movq $-1, %%r12"
		    : : : );
  return x + y;
}

int
main (void)
{
  long r = sum (40, 2);
  printf ("sum = %ld\n", r);
  return r != 42;
}
/* { dg-output "sum = 42" } */
/* { dg-final { scan-report-match {function=sum mode=repair verdict=accept action=repaired reasons.code=clobber-missing repairs~"rbx" repairs~"r12" summary~%rbx} } } */
