/* A basic asm (no operands) that only executes nop / pause touches
   nothing: accepted, kept, and the program runs.  */
/* { dg-do run } */

#include <stdio.h>

int
main (void)
{
  for (int i = 0; i < 10; i++)
    {
      __asm__ ("nop"); /* { dg-bogus "safeasm" } */
      __asm__ volatile ("pause"); /* { dg-bogus "safeasm" } */
    }
  puts ("basic ok");
  return 0;
}
/* { dg-output "basic ok" } */
/* { dg-final { scan-report-match {verdict=accept basic=true} } } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
