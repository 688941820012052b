/* syscall destroys %r11 (the kernel puts the flags there): without an
   "r11" clobber the asm does not declare all it does.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static long
getpid_syscall (void)
{
  long ret;
  __asm__ volatile ("syscall" /* { dg-warning "safeasm \\\[control-flow\\\]: `syscall` enters the kernel: declare its effects" } */
		    : "=a" (ret)
		    : "0" (39L)
		    : "rcx", "memory");
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
/* { dg-output "before the asm\n\[^\n\]*reject-syscall-r11\\.c:12: in getpid_syscall: safeasm rejected inline asm: \\\[control-flow\\\] `syscall` enters the kernel" } */
