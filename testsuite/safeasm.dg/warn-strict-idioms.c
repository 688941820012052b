/* policy=strict is contract plus "no memory access": the same idioms
   that touch memory are rejected (here in warn mode, so the program
   still runs), the register-only ones are accepted.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-policy=strict -fplugin-arg-safeasm-mode=warn" } */

#include <stdio.h>

int
main (void)
{
  volatile int x = 5;
  int t = 5, s = 7, v = 3;
  char buf[16];
  void *d = buf;
  unsigned long n = sizeof buf, w = 42, r;
  unsigned a, b, c, e;

  __asm__ __volatile__ ("lock ; cmpxchg %3, %1" /* { dg-warning "safeasm \\\[memory\\\]: `lock; cmpxchg %3, %1` writes memory; policy=strict allows no memory access" } */
			: "=a" (t), "=m" (x) : "a" (t), "r" (s) : "memory");
  __asm__ __volatile__ ("lock ; xadd %0, %1" /* { dg-warning "safeasm \\\[memory\\\]" } */
			: "=r" (v), "+m" (x) : "0" (v) : "memory");
  __asm__ __volatile__ ("rep stosb" /* { dg-warning "safeasm \\\[memory\\\]: `rep stosb` writes memory" } */
			: "+D" (d), "+c" (n) : "a" (0) : "memory");
  __asm__ ("movq %1, %0" : "=r" (r) : "m" (w)); /* { dg-warning "safeasm \\\[memory\\\]: `movq %1, %0` reads memory" } */
  __asm__ volatile ("cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (e) : "0" (0)); /* { dg-bogus "safeasm" } */
  printf ("%d %d %lu %u\n", t, v, r, a > 0);
  return 0;
}
/* { dg-final { scan-report-match {verdict=accept policy=strict} } } */
/* { dg-final { scan-report-match {verdict=reject policy=strict action=kept} } } */
