/* AVX-512 zero-masking and a masked compare, through "Yk" mask
   operands: accepted, and the results match plain C.  */
/* { dg-do run } */

#include <stdio.h>
#include <string.h>

typedef int v16si __attribute__ ((vector_size (64)));

/* Vectors go by pointer: main is not compiled for AVX-512.  */
__attribute__ ((noinline, target ("avx512f"))) static void
masked_add (v16si *r, const v16si *a, const v16si *b, unsigned short m)
{
  __asm__ ("vpaddd %2, %1, %0%{%3%}%{z%}" /* { dg-bogus "safeasm" } */
	   : "=v" (*r)
	   : "v" (*a), "v" (*b), "Yk" (m));
}

__attribute__ ((noinline, target ("avx512f"))) static unsigned short
equal_lanes (const v16si *a, const v16si *b, unsigned short m)
{
  unsigned short r;
  __asm__ ("vpcmpeqd %2, %1, %0%{%3%}" /* { dg-bogus "safeasm" } */
	   : "=Yk" (r)
	   : "v" (*a), "v" (*b), "Yk" (m));
  return r;
}

__attribute__ ((noinline, target ("avx512f"))) static void
merge_add (v16si *old, const v16si *a, const v16si *b, unsigned short m)
{
  __asm__ ("vpaddd %2, %1, %0%{%3%}" /* { dg-bogus "safeasm" } */
	   : "+v" (*old)
	   : "v" (*a), "v" (*b), "Yk" (m));
}

int
main (void)
{
  v16si a, b, old, r, s;
  unsigned short m = 0xa5c3, eq;
  int bad = 0;

  __builtin_cpu_init ();
  if (!__builtin_cpu_supports ("avx512f"))
    {
      puts ("avx512 ok (no AVX-512F on this CPU, not run)");
      return 0;
    }
  for (int i = 0; i < 16; i++)
    {
      a[i] = i * 7 - 20;
      b[i] = i % 3 ? 100 + i : a[i];
      old[i] = -1000 - i;
    }
  masked_add (&r, &a, &b, m);
  s = old;
  merge_add (&s, &a, &b, m);
  eq = equal_lanes (&a, &b, m);
  for (int i = 0; i < 16; i++)
    {
      int on = (m >> i) & 1;
      bad |= r[i] != (on ? a[i] + b[i] : 0);
      bad |= s[i] != (on ? a[i] + b[i] : old[i]);
      bad |= ((eq >> i) & 1) != (on && a[i] == b[i]);
    }
  puts (bad ? "avx512 mismatch" : "avx512 ok");
  return bad;
}
/* { dg-output "avx512 ok" } */
/* { dg-final { scan-report-match {verdict=accept function=masked_add} } } */
/* { dg-final { scan-report-match {verdict=accept function=merge_add} } } */
