/* A call out of an asm: the callee clobbers what the ABI lets it
   clobber and the call pushes over the red zone.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

void
safeasm_callee (void)
{
}

__attribute__ ((noinline)) static void
call_out (void)
{
  __asm__ volatile ("call safeasm_callee"); /* { dg-warning "safeasm \\\[control-flow\\\]: \[^\n\]*call" } */
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  call_out ();
  puts ("after the asm");
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-call\\.c:16: in call_out: safeasm rejected inline asm: \\\[control-flow\\\] \[^\n\]*call" } */
