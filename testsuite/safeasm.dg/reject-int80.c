/* int $0x80 enters the kernel (the 32-bit system call gate): control
   leaves the asm.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static long
getpid_int80 (void)
{
  long ret;
  __asm__ volatile ("int $0x80" /* { dg-warning "safeasm \\\[control-flow\\\]: \[^\n\]*int" } */
		    : "=a" (ret)
		    : "0" (20L)
		    : "memory");
  return ret;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  long r = getpid_int80 ();
  printf ("after the asm %ld\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-int80\\.c:12: in getpid_int80: safeasm rejected inline asm: \\\[control-flow\\\] \[^\n\]*int" } */
