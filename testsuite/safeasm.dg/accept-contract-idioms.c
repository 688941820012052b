/* Correct real-world idioms under policy=contract, each checked against
   the C it stands for: lock-prefixed atomics (musl), rep stos / rep movs
   with their registers as operands and a "memory" clobber, cpuid and
   xgetbv (libsodium, zstd), memory-operand loads and stores.  */
/* { dg-do run } */

#include <stdio.h>
#include <string.h>

static int
cas (volatile int *p, int t, int s)
{
  __asm__ __volatile__ ("lock ; cmpxchg %3, %1" /* { dg-bogus "safeasm" } */
			: "=a" (t), "=m" (*p) : "a" (t), "r" (s) : "memory");
  return t;
}

static int
fetch_add (volatile int *p, int v)
{
  __asm__ __volatile__ ("lock ; xadd %0, %1" /* { dg-bogus "safeasm" } */
			: "=r" (v), "+m" (*p) : "0" (v) : "memory");
  return v;
}

static void
fill (void *d, int c, unsigned long n)
{
  __asm__ __volatile__ ("rep stosb" /* { dg-bogus "safeasm" } */
			: "+D" (d), "+c" (n) : "a" (c) : "memory");
}

static void
copy (void *d, const void *s, unsigned long n)
{
  __asm__ __volatile__ ("rep movsb" /* { dg-bogus "safeasm" } */
			: "+D" (d), "+S" (s), "+c" (n) : : "memory");
}

static unsigned
max_leaf (void)
{
  unsigned a, b, c, d;
  __asm__ ("cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d) : "0" (0)); /* { dg-bogus "safeasm" } */
  return a;
}

static unsigned
vendor_ebx (void)
{
  unsigned a, b, c, d;
  __asm__ volatile ("xchgq %%rbx, %q1\n\tcpuid\n\txchgq %%rbx, %q1" /* { dg-bogus "safeasm" } */
		    : "=a" (a), "=&r" (b), "=c" (c), "=d" (d) : "0" (0), "2" (0));
  return b;
}

static unsigned long
load (const unsigned long *p)
{
  unsigned long v;
  __asm__ ("movq %1, %0" : "=r" (v) : "m" (*p)); /* { dg-bogus "safeasm" } */
  return v;
}

static void
store (unsigned long *p, unsigned long v)
{
  __asm__ ("movq %1, %0" : "=m" (*p) : "r" (v)); /* { dg-bogus "safeasm" } */
}

int
main (void)
{
  volatile int x = 5;
  char buf[64], out[64];
  unsigned long w = 0;
  unsigned a, b, c, d;

  if (cas (&x, 5, 7) != 5 || x != 7 || cas (&x, 5, 9) != 7 || x != 7)
    return 1;
  if (fetch_add (&x, 3) != 7 || x != 10)
    return 2;
  fill (buf, 'z', sizeof buf);
  for (unsigned i = 0; i < sizeof buf; i++)
    if (buf[i] != 'z')
      return 3;
  memcpy (buf, "hello, contract", 16);
  copy (out, buf, 16);
  if (memcmp (out, buf, 16))
    return 4;
  __asm__ volatile ("cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d) : "0" (0)); /* { dg-bogus "safeasm" } */
  if (max_leaf () != a || vendor_ebx () != b)
    return 5;
  store (&w, 0x1234567890abcdefUL);
  if (w != 0x1234567890abcdefUL || load (&w) != w)
    return 6;
  puts ("idioms ok");
  return 0;
}
/* { dg-output "idioms ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
