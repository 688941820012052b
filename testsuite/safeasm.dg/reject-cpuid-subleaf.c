/* cpuid leaf 7 reads its sub-leaf from ecx: with the leaf a literal and
   no ecx input, the result depends on whatever ecx held.  The plugin
   passes the literal to the analyzer.  Rejected; the same asm with
   "2" (0) for ecx is accepted and agrees with <cpuid.h>.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <cpuid.h>
#include <stdio.h>

__attribute__ ((noinline)) static unsigned
leaf7_ebx_ok (void)
{
  unsigned a, b, c, d;
  __asm__ ("cpuid" /* { dg-bogus "safeasm" } */
	   : "=a" (a), "=b" (b), "=c" (c), "=d" (d) : "0" (7), "2" (0));
  return b;
}

__attribute__ ((noinline)) static unsigned
leaf7_ebx (void)
{
  unsigned a, b, c, d;
  __asm__ ("cpuid" /* { dg-warning "safeasm \\\[undeclared-read\\\]: `cpuid` with leaf 0x7 reads its sub-leaf from %ecx" } */
	   : "=a" (a), "=b" (b), "=c" (c), "=d" (d) : "0" (7));
  return b;
}

int
main (void)
{
  unsigned a, b, c, d;
  if (__get_cpuid_max (0, 0) >= 7)
    {
      __cpuid_count (7, 0, a, b, c, d);
      if (leaf7_ebx_ok () != b)
	return 1;
    }
  fputs ("accepted asm agrees\n", stderr);
  printf ("%u\n", leaf7_ebx ());
  return 0;
}
/* { dg-output "accepted asm agrees\n\[^\n\]*reject-cpuid-subleaf\\.c:24: in leaf7_ebx: safeasm rejected inline asm: \\\[undeclared-read\\\]" } */
