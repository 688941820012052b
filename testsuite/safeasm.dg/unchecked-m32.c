/* -m32 is not supported yet: the plugin says so once per translation
   unit, leaves the asm alone (no trap) and reports it "unchecked" with
   the reason code "unsupported".  Compiled only: no 32-bit libraries
   are needed.  */
/* { dg-do compile } */
/* { dg-options "-m32" } */

unsigned
swap (unsigned x)
{
  __asm__ ("bswap %0" : "+r" (x)); /* { dg-warning "safeasm: -m32 is not supported; inline asm is not checked" } */
  return x;
}

unsigned
leaf (void)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" : "=a" (a), "=c" (c), "=d" (d) : "0" (0), "1" (0));
  return a;
}
/* { dg-final { scan-report-match {verdict=unchecked function=swap} } } */
/* { dg-final { scan-report-match {verdict=unchecked function=leaf} } } */
/* { dg-final { scan-report "\"code\": *\"unsupported\"" } } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
