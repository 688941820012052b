/* .byte emits bytes the analyzer cannot see as instructions.
   Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static void
raw_bytes (void)
{
  __asm__ volatile (".byte 0x90"); /* { dg-warning "safeasm \\\[directive\\\]: \[^\n\]*\\.byte" } */
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  raw_bytes ();
  puts ("after the asm");
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-byte-directive\\.c:11: in raw_bytes: safeasm rejected inline asm: \\\[directive\\\] \[^\n\]*\\.byte" } */
