/* With -mno-red-zone nothing lives below %rsp: an asm that pushes and
   pops in balance is accepted (the popped value is the pushed one, so
   %rbx is restored), and it computes what the C does.  Without the
   option the same asm is rejected (see reject-push-pop.c).  The output
   is "=&a": with "=&r", GCC could put it in %rbx, and the pop would
   overwrite it (safeasm rejects that).  */
/* { dg-do run } */
/* { dg-options "-mno-red-zone" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned long
times3 (unsigned long x)
{
  unsigned long r;
  __asm__ ("pushq %%rbx\n\t" /* { dg-bogus "safeasm" } */
	   "movq %1, %%rbx\n\t"
	   "leaq (%%rbx,%%rbx,2), %0\n\t"
	   "popq %%rbx"
	   : "=&a" (r) : "r" (x));
  return r;
}

int
main (void)
{
  for (unsigned long x = 0; x < 100000; x += 7)
    if (times3 (x) != 3 * x)
      {
	printf ("times3 (%lu) = %lu\n", x, times3 (x));
	return 1;
      }
  puts ("push/pop ok");
  return 0;
}
/* { dg-output "push/pop ok" } */
/* { dg-final { scan-report-match {verdict=accept function=times3} } } */
