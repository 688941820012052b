/* A loop inside the asm, with a numeric local label (1: ... jnz 1b):
   the counter it decrements is "+r", so nothing it was given is
   destroyed behind the compiler's back.  Computes n * x by addition.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

__attribute__ ((noinline)) static uint64_t
mul_by_adding (uint64_t n, uint64_t x)
{
  uint64_t acc = 0;
  __asm__ ("1:\n\t" /* { dg-bogus "safeasm" } */
	   "addq %[x], %[acc]\n\t"
	   "decq %[n]\n\t"
	   "jnz 1b"
	   : [acc] "+r" (acc), [n] "+r" (n)
	   : [x] "r" (x)
	   : "cc");
  return acc;
}

int
main (void)
{
  for (uint64_t n = 1; n <= 300; n++)
    for (uint64_t x = 0; x < 1000000; x += 77777)
      if (mul_by_adding (n, x * n) != n * (x * n))
	{
	  printf ("loop mismatch for %llu * %llu\n",
		  (unsigned long long) n, (unsigned long long) x);
	  return 1;
	}
  puts ("loop ok");
  return 0;
}
/* { dg-output "loop ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
