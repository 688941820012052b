/* With -fplugin-arg-safeasm-mode=error a rejected asm is a compile-time
   error at the asm's line; an accepted one in the same file is not.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-safeasm-mode=error" } */

unsigned
good (unsigned x)
{
  __asm__ ("bswapl %0" : "+r" (x)); /* { dg-bogus "safeasm" } */
  return x;
}

unsigned long
bad (unsigned long a, unsigned long b)
{
  unsigned long lo;
  __asm__ ("mulq %2" : "=a" (lo) : "0" (a), "rm" (b) : "cc"); /* { dg-error "safeasm \\\[clobber-missing\\\]: \[^\n\]*rdx" } */
  return lo;
}
/* { dg-final { scan-report-match {verdict=reject mode=error function=bad reasons.code=clobber-missing} } } */
/* { dg-final { scan-report-match {verdict=accept mode=error function=good} } } */
