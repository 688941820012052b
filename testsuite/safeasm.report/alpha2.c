/* safeasm-report test source (package "alpha"); see alpha1.c.  */

__asm__ (".pushsection .comment\n\t.string \"safeasm-report test\"\n\t.popsection"); /* EXPECT: unchecked note-toplevel */

unsigned long
ticks (void)
{
  unsigned lo, hi;
  __asm__ ("rdtsc" : "=a" (lo), "=d" (hi)); /* EXPECT: reject not-pure */
  return ((unsigned long) hi << 32) | lo;
}

int
add (int a, int b)
{
  __asm__ ("addl %1, %0" : "+r" (a) : "r" (b) : "cc"); /* EXPECT: accept */
  return a;
}
