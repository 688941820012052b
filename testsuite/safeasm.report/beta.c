/* safeasm-report test source (package "beta", and compiled a second
   time without a package); see alpha1.c.  */

void
clear (int *p)
{
  __asm__ volatile ("movl $0, (%0)" : : "r" (p)); /* EXPECT: reject memory */
}

int
shl (int x, int n)
{
  __asm__ ("shll %1, %0" : "+r" (x) : "r" (n) : "cc"); /* EXPECT: reject bad-operand */
  return x;
}

int
dec (int x)
{
  __asm__ ("decl %0" : "+r" (x) : : "cc"); /* EXPECT: accept */
  return x;
}
