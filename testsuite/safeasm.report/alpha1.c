/* safeasm-report test source (package "alpha").  Every asm statement
   carries a marker EXPECT: VERDICT [CODE...] that report.exp reads:
   the verdict, then the reason codes (the main one first) or, for an
   accepted statement, its notes.  Compiled with mode=warn.  */

unsigned
swap32 (unsigned x)
{
  __asm__ ("bswapl %0" : "+r" (x)); /* EXPECT: accept */
  return x;
}

unsigned
max_leaf (void)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" : "=a" (a), "=c" (c), "=d" (d) : "0" (0), "1" (0)); /* EXPECT: reject clobber-missing */
  return a ^ c ^ d;
}

unsigned long
highest_bit (unsigned long x)
{
  unsigned long r;
  __asm__ ("bsrq %1, %0" : "=r" (r) : "rm" (x) : "cc"); /* EXPECT: accept note-bsf-zero */
  return r;
}
