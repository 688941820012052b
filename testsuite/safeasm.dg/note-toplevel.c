/* A top-level asm (outside any function) is not an asm statement the
   plugin can replace: it is not rejected, the report notes it
   (note-toplevel), and the function it defines works.  */
/* { dg-do run } */

#include <stdio.h>

__asm__ (".text\n\t" /* { dg-bogus "(warning|error): safeasm" } */
	 ".globl safeasm_forty_two\n\t"
	 ".type safeasm_forty_two, @function\n"
	 "safeasm_forty_two:\n\t"
	 "movl $42, %eax\n\t"
	 "ret\n\t"
	 ".size safeasm_forty_two, .-safeasm_forty_two");

extern int safeasm_forty_two (void);

int
main (void)
{
  if (safeasm_forty_two () != 42)
    return 1;
  puts ("toplevel ok");
  return 0;
}
/* { dg-output "toplevel ok" } */
/* { dg-final { scan-report "note-toplevel" } } */
