/* mode=repair repairs only what a mechanical fix makes acceptable; the
   rest is replaced by the trap, as in trap mode.  A call has no such
   fix; the asm goto's output needs "+", which would renumber its
   labels, so it is not repaired either.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-safeasm-mode=repair" } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

void
safeasm_callee (void)
{
}

__attribute__ ((noinline)) static int
is_zero (int x)
{
  int out;
  __asm__ goto ("addl %1, %0\n\t" /* { dg-warning "safeasm \\\[output-read\\\]" } */
		"jz %l2"
		: "=r" (out) : "r" (x) : "cc" : zero);
  return out;
zero:
  return -1;
}

__attribute__ ((noinline)) static void
call_out (void)
{
  __asm__ volatile ("call safeasm_callee"); /* { dg-warning "safeasm \\\[control-flow\\\]: \[^\n\]*call" } */
}

int
main (int argc, char **argv)
{
  (void) argv;
  fputs ("before the asm\n", stderr);
  if (argc > 5)
    printf ("%d\n", is_zero (argc));
  call_out ();
  puts ("after the asm");
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*repair-unrepairable\\.c:31: in call_out: safeasm rejected inline asm: \\\[control-flow\\\] \[^\n\]*call" } */
/* { dg-final { scan-report-match {function=call_out mode=repair verdict=reject action=trapped reasons.code=control-flow} } } */
/* { dg-final { scan-report-match {function=is_zero mode=repair verdict=reject action=trapped reasons.code=output-read} } } */
/* { dg-final { scan-report-not "\"repairs\"" } } */
