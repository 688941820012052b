/* The report has one JSON object per asm statement with the fields
   the manual lists, and the right values for an accepted and a
   rejected statement.  */
/* { dg-do compile } */

unsigned
good (unsigned x)
{
  __asm__ ("bswapl %0" : "+r" (x)); /* { dg-bogus "safeasm" } */
  return x;
}

unsigned
bad (unsigned leaf)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" /* { dg-warning "safeasm \\\[clobber-missing\\\]" } ASM-LINE */
		    : "=a" (a), "=c" (c), "=d" (d)
		    : "0" (leaf), "1" (0));
  return a ^ c ^ d;
}

/* { dg-final { scan-report-count "." 2 } } */
/* { dg-final { scan-report-fields {file line column function template dialect basic volatile goto inline policy mode verdict action reasons notes insns gcc plugin} } } */
/* { dg-final { scan-report-match {verdict=accept function=good line=9 template=bswapl\ %0 basic=false volatile=false goto=false inline=false mode=trap policy=contract dialect=att} } } */
/* { dg-final { scan-report-match {verdict=reject function=bad line=17 template=cpuid volatile=true mode=trap reasons.code=clobber-missing reasons.insn~cpuid reasons.message~\[er\]bx action~trap file~report-contents\\.c$} } } */
/* { dg-final { scan-report-not "\"verdict\": *\"unchecked\"" } } */
