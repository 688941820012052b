/* The report has the effect summary of every accepted statement, and
   of a repaired one (the summary of the statement as repaired); a
   rejected statement has none.  -fplugin-arg-safeasm-explain prints
   it as a note (safeasm.args/args.exp checks the note).  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-safeasm-explain -fplugin-arg-safeasm-mode=repair" } */

unsigned
add (unsigned x, unsigned y)
{
  __asm__ ("addl %1, %0" : "+r" (x) : "r" (y) : "cc");
  return x;
}

unsigned
add_repaired (unsigned x, unsigned y)
{
  __asm__ ("addl %1, %0" : "=r" (x) : "r" (y) : "cc"); /* { dg-warning "safeasm \\\[output-read\\\]" } */
  return x;
}

void
call_out (void)
{
  __asm__ volatile ("call abort"); /* { dg-warning "safeasm \\\[control-flow\\\]" } */
}

/* { dg-final { scan-report-match {function=add verdict=accept action=kept summary~^reads\ %0,\ %1;\ writes\ %0;.*story:\ %0\ =\ f\\(%0,\ %1\\)} } } */
/* { dg-final { scan-report-match {function=add_repaired verdict=accept action=repaired summary~story:\ %0\ =\ f\\(%0,\ %1\\)} } } */
/* { dg-final { scan-report-match {function=call_out verdict=reject action=trapped} } } */
/* { dg-final { scan-report-count "\"summary\"" 2 } } */
