/* .byte with bytes that are no instruction (0xd6 is invalid in 64-bit
   mode) emits what the analyzer cannot see as instructions.  Rejected.
   (A .byte that spells known instructions is checked as them.)  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static void
raw_bytes (void)
{
  __asm__ volatile (".byte 0xd6"); /* { dg-warning "safeasm \\\[directive\\\]: \[^\n\]*\\.byte" } */
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  raw_bytes ();
  puts ("after the asm");
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-byte-directive\\.c:12: in raw_bytes: safeasm rejected inline asm: \\\[directive\\\] \[^\n\]*\\.byte" } */
