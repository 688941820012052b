/* Merge masking keeps the masked-off elements of the destination, so
   the destination is read: "=v" lets GCC hand the asm any register,
   and those elements are garbage.  It must be "+v" (or {z}).  */
/* { dg-do run } */
/* { dg-shouldfail "SIGILL" } */

#include <stdio.h>

typedef int v16si __attribute__ ((vector_size (64)));

__attribute__ ((noinline, target ("avx512f"))) static void
masked_add (v16si *r, const v16si *a, const v16si *b, unsigned short m)
{
  __asm__ ("vpaddd %2, %1, %0%{%3%}" /* { dg-warning "safeasm \\\[output-read\\\]: \[^\n\]*(%0|operand 0)" } */
	   : "=v" (*r)
	   : "v" (*a), "v" (*b), "Yk" (m));
}

int
main (void)
{
  v16si a = { 1 }, b = { 2 }, r;
  fputs ("before the asm\n", stderr);
  masked_add (&r, &a, &b, 1);
  printf ("after the asm %d\n", r[0]);
  return 0;
}
/* { dg-output "before the asm\n\[^\n\]*reject-avx512-merge\\.c:14: in masked_add: safeasm rejected inline asm: \\\[output-read\\\] " } */
