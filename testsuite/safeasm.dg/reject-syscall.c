/* syscall, even written with the kernel's clobbers (rcx, r11,
   memory), enters the kernel: control leaves the asm.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static long
getpid_syscall (void)
{
  long ret;
  __asm__ volatile ("syscall" /* { dg-warning "safeasm \\\[control-flow\\\]: \[^\n\]*syscall" } */
		    : "=a" (ret)
		    : "0" (39L)
		    : "rcx", "r11", "memory");
  return ret;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  long r = getpid_syscall ();
  printf ("after the asm %ld\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-syscall\\.c:12: in getpid_syscall: safeasm rejected inline asm: \\\[control-flow\\\] \[^\n\]*syscall" } */
