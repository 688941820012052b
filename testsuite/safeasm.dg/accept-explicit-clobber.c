/* A register named in the template (%%ecx) and declared as clobbered
   ("ecx", and "%rcx" spelled another way in the second asm).  */
/* { dg-do run } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
plus5 (unsigned x)
{
  __asm__ ("movl $5, %%ecx\n\t" /* { dg-bogus "safeasm" } */
	   "addl %%ecx, %0"
	   : "+r" (x)
	   :
	   : "ecx", "cc");
  return x;
}

__attribute__ ((noinline)) static unsigned long
times3 (unsigned long x)
{
  __asm__ ("leaq (%0,%0,2), %%rcx\n\t" /* { dg-bogus "safeasm" } */
	   "movq %%rcx, %0"
	   : "+r" (x)
	   :
	   : "%rcx");
  return x;
}

int
main (void)
{
  for (unsigned i = 0; i < 100000; i += 7)
    if (plus5 (i) != i + 5 || times3 (i) != 3ul * i)
      {
	printf ("mismatch for %u\n", i);
	return 1;
      }
  puts ("clobber ok");
  return 0;
}
/* { dg-output "clobber ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
