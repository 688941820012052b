/* A mnemonic the instruction database does not know cannot be
   checked.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static unsigned
frob (unsigned x)
{
  __asm__ ("frobnicatel %0" : "+r" (x)); /* { dg-warning "safeasm \\\[unknown-insn\\\]: \[^\n\]*frobnicate" } */
  return x;
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  unsigned r = frob (1);
  printf ("after the asm %u\n", r);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-unknown-mnemonic\\.c:11: in frob: safeasm rejected inline asm: \\\[unknown-insn\\\] \[^\n\]*frobnicate" } */
