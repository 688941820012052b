/* The evidence for the repair tests: the statements of repair-*.c
   compiled as written (mode=warn) and what they compute.  Each is
   rejected, and each miscompiles: at -O2 all five give a wrong result;
   at -O0 the "=" that should be "+" and the missing '&' already do,
   while the others happen to work.  This documents what GCC 11 and 12
   do with these statements; a compiler that allocates registers
   differently may get some of them right by chance, and then this test
   is what changes -- the repair-*.c tests are the real checks.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=warn" } */

#include <stdio.h>
#include <stdint.h>

#ifdef __OPTIMIZE__
# define OPT 1
#else
# define OPT 0
#endif

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
  __asm__ volatile ("movq $-1, %%rbx\n\t" /* { dg-warning "safeasm \\\[clobber-missing\\\]" } */
		    "movq $-1, %%r12"
		    : : : );
  return x + y;
}

__attribute__ ((noinline)) static int
poke (int *p)
{
  int before = *p;
  __asm__ volatile ("movl $42, (%0)" : : "r" (p)); /* { dg-warning "safeasm \\\[memory\\\]" } */
  int after = *p;
  return before * 100 + after;
}

__attribute__ ((noinline)) static unsigned
add (unsigned x, unsigned y)
{
  __asm__ ("addl %1, %0" : "=r" (x) : "r" (y) : "cc"); /* { dg-warning "safeasm \\\[output-read\\\]" } */
  return x;
}

__attribute__ ((noinline)) static unsigned
scale_add (unsigned a, unsigned b)
{
  unsigned out;
  __asm__ ("movl %2, %0\n\t" /* { dg-warning "safeasm \\\[earlyclobber\\\]" } */
	   "shll $3, %0\n\t"
	   "addl %1, %0"
	   : "=r" (out)
	   : "r" (b), "r" (a)
	   : "cc");
  return out;
}

static inline uint64_t
ticks (void)
{
  uint64_t t;
  __asm__ ("rdtsc\n\t" /* { dg-warning "safeasm \\\[not-pure\\\]" } */
	   "shlq $32, %%rdx\n\t"
	   "orq %%rdx, %0"
	   : "=a" (t) : : "rdx");
  return t;
}

int
main (void)
{
  int v = 1;
  long s = sum (40, 2);
  int p = poke (&v);
  unsigned a = add (40, 2);
  unsigned e = scale_add (5, 2);
  uint64_t t1 = ticks ();
  uint64_t t2 = ticks ();
  int ok = 1;

  printf ("sum = %ld, poke = %d, add = %u, scale_add = %u, ticks %s\n",
	  s, p, a, e, t1 == t2 ? "equal" : "differ");
  /* Right: 42, 142, 42, 42, differ.  */
  ok &= OPT ? s != 42 : s == 42;
  ok &= OPT ? p != 142 : p == 142;
  ok &= a != 42;
  ok &= e != 42;
  ok &= (t1 == t2) == OPT;
  return !ok;
}
/* { dg-output "sum = -?\[0-9\]+, poke = -?\[0-9\]+, add = \[0-9\]+, scale_add = \[0-9\]+, ticks (equal|differ)" } */
