/* A jmp to a symbol leaves the asm for a place the compiler does not
   know about (only asm goto may jump to C labels).  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>
#include <stdlib.h>

__attribute__ ((noinline)) static void
jump_away (void)
{
  __asm__ volatile ("jmp abort"); /* { dg-warning "safeasm \\\[control-flow\\\]: \[^\n\]*jmp" } */
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  jump_away ();
  puts ("after the asm");
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-jmp-symbol\\.c:12: in jump_away: safeasm rejected inline asm: \\\[control-flow\\\] \[^\n\]*jmp" } */
