/* syscall under policy=contract: a call into the kernel whose effects
   the asm declares (%rax an output, "rcx", "r11" and "memory" clobbered)
   is accepted, and it returns what getpid () returns.  */
/* { dg-do run } */

#include <stdio.h>
#include <unistd.h>

__attribute__ ((noinline)) static long
getpid_syscall (void)
{
  long ret;
  __asm__ volatile ("syscall" /* { dg-bogus "safeasm" } */
		    : "=a" (ret)
		    : "0" (39L)
		    : "rcx", "r11", "memory");
  return ret;
}

int
main (void)
{
  long r = getpid_syscall ();
  if (r != (long) getpid ())
    {
      printf ("syscall gave %ld, getpid %ld\n", r, (long) getpid ());
      return 1;
    }
  puts ("syscall ok");
  return 0;
}
/* { dg-output "syscall ok" } */
/* { dg-final { scan-report-match {verdict=accept function=getpid_syscall} } } */
