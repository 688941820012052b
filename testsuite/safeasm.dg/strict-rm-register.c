/* policy=strict compiles constraints that allow a register or memory
   as register-only: "+rm" becomes "+r", "g" becomes "ri" (an input)
   or "r" (an output), and the register alternatives of "r,m" are kept
   in every alternative.  bswap takes only a register, so with the
   memory alternative GCC's choice of memory (at -O0) would not even
   assemble; here every statement is accepted and runs.  A
   memory-only "m" is left as written, and strict rejects it.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-policy=strict -fplugin-arg-safeasm-mode=warn" } */

#include <stdio.h>

unsigned g = 0x11223344u;

__attribute__ ((noinline)) static unsigned
swap (unsigned x)
{
  __asm__ ("bswapl %0" : "+rm" (x)); /* { dg-bogus "safeasm" } */
  return x;
}

__attribute__ ((noinline)) static void
swap_global (void)
{
  __asm__ ("bswapl %0" : "+g" (g)); /* { dg-bogus "safeasm" } */
}

__attribute__ ((noinline)) static unsigned
add (unsigned *p, unsigned y)
{
  __asm__ ("addl %1, %0" : "+r,m" (*p) : "rm,r" (y) : "cc"); /* { dg-bogus "safeasm" } */
  return *p;
}

__attribute__ ((noinline)) static unsigned
load (unsigned *p)
{
  unsigned r;
  __asm__ ("movl %1, %0" : "=r" (r) : "m" (*p)); /* { dg-warning "safeasm \\\[memory\\\]: `movl %1, %0` reads memory" } */
  return r;
}

int
main (void)
{
  unsigned v = 40;
  unsigned s = swap (0x12345678u);
  swap_global ();
  add (&v, 2);
  printf ("%x %x %u %u\n", s, g, v, load (&v));
  return !(s == 0x78563412u && g == 0x44332211u && v == 42);
}
/* { dg-output "78563412 44332211 42 42" } */
/* { dg-final { scan-report-match {function=swap verdict=accept policy=strict} } } */
/* { dg-final { scan-report-match {function=swap_global verdict=accept policy=strict} } } */
/* { dg-final { scan-report-match {function=add verdict=accept policy=strict} } } */
/* { dg-final { scan-report-match {function=load verdict=reject reasons.code=memory} } } */
