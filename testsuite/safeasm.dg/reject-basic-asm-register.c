/* A basic asm (no operands, so no clobbers either) that writes eax:
   the compiler does not expect eax to change.  Rejected.  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

__attribute__ ((noinline)) static void
zap_eax (void)
{
  __asm__ ("movl $0, %eax"); /* { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*\[er\]ax" } */
}

int
main (void)
{
  fputs ("before the asm\n", stderr);
  zap_eax ();
  puts ("after the asm");
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-basic-asm-register\\.c:11: in zap_eax: safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*\[er\]ax" } */
/* { dg-final { scan-report-match {verdict=reject basic=true reasons.code=clobber-missing} } } */
