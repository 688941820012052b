/* cpuid writes eax, ebx, ecx and edx.  Without "=b" (or an "ebx"
   clobber) the compiler may keep a value in rbx across the asm: the
   asm is rejected at compile time and traps when reached.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
probe (unsigned leaf)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*\[er\]bx" } */
		    : "=a" (a), "=c" (c), "=d" (d)
		    : "0" (leaf), "1" (0));
  return a ^ c ^ d;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = probe (0);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-cpuid-ebx\\.c:13: in probe: safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*\[er\]bx" } */
