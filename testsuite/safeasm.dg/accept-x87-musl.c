/* x87 asm as musl writes it: the input on top of the register stack
   ("t"), popped when the asm says so ("st" clobbered), results pushed
   ("=t").  Accepted, and each agrees with libm on many inputs.  */
/* { dg-do run } */
/* { dg-options "-lm" } */

#include <math.h>
#include <stdio.h>

static long double
x87_sqrtl (long double x)
{
  __asm__ ("fsqrt" : "+t" (x)); /* { dg-bogus "safeasm" } */
  return x;
}

static long long
x87_llrintl (long double x)
{
  long long r;
  __asm__ ("fistpll %0" : "=m" (r) : "t" (x) : "st"); /* { dg-bogus "safeasm" } */
  return r;
}

static long double
x87_log2l (long double x)
{
  long double r;
  __asm__ ("fyl2x" : "=t" (r) : "0" (x), "u" (1.0L) : "st(1)"); /* { dg-bogus "safeasm" } */
  return r;
}

/* The same with the 1.0 pushed inside the asm: the push needs a free
   stack slot, reserved by clobbering an unrelated register (GCC's rule
   for scratch space).  */
static long double
x87_log2l_scratch (long double x)
{
  long double r;
  __asm__ ("fld1\n\tfxch %%st(1)\n\tfyl2x" : "=t" (r) : "0" (x) : "st(7)"); /* { dg-bogus "safeasm" } */
  return r;
}

int
main (void)
{
  for (int i = 1; i < 20000; i++)
    {
      long double x = i * 0.37L;
      if (x87_sqrtl (x) != sqrtl (x) || x87_llrintl (x) != llrintl (x)
	  || fabsl (x87_log2l (x) - log2l (x)) > 1e-15L * fabsl (log2l (x)) + 1e-18L
	  || x87_log2l_scratch (x) != x87_log2l (x))
	{
	  printf ("mismatch at %Lg\n", x);
	  return 1;
	}
    }
  puts ("x87 ok");
  return 0;
}
/* { dg-output "x87 ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
