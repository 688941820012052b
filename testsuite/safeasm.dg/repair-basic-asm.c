/* mode=repair of a basic asm that writes registers: a basic asm has no
   clobber list, so the repair makes it an extended asm without
   operands ('%' doubled, the "memory" clobber it implicitly had) that
   clobbers "rbx" and "r12".  As written, X is lost at -O2 as in
   repair-clobber-live.c.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=repair" } */

#include <stdio.h>

__attribute__ ((noinline)) static long
opaque (long v)
{
  __asm__ ("" : "+r" (v));
  return v;
}

static long (*volatile opaque_p) (long) = opaque;

__attribute__ ((noinline)) static long
sum (long a, long b)
{
  long x = opaque_p (a);
  long y = opaque_p (b);
  __asm__ ("movq $-1, %rbx\n\t" /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*%rbx" } */
	   "movq $-1, %r12");
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
/* { dg-final { scan-report-match {function=sum basic=true verdict=accept action=repaired repairs~"rbx" repairs~"r12" repairs~extended} } } */
