// A rejected asm in a member function: the run-time message names the
// function the way C++ spells it (its pretty name), and so does the
// report.
// { dg-do run }
// { dg-shouldfail "SIGILL" }

#include <cstdio>

namespace hw {

struct Probe
{
  unsigned leaf (unsigned n);
};

__attribute__ ((noinline)) unsigned
Probe::leaf (unsigned n)
{
  unsigned a, c, d;
  asm volatile ("cpuid" // { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*\[er\]bx" }
		: "=a" (a), "=c" (c), "=d" (d)
		: "0" (n), "1" (0u));
  return a ^ c ^ d;
}

} // namespace hw

int
main ()
{
  std::fputs ("before the asm\n", stderr);
  hw::Probe p;
  unsigned r = p.leaf (0);
  std::printf ("after the asm %u\n", r);
  return 0;
}
// { dg-output "before the asm\n\[^\n\]*cxx-reject-member\\.C:20: in unsigned int hw::Probe::leaf\\(unsigned int\\): safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*\[er\]bx" }
// { dg-final { scan-report-match {verdict=reject function~hw::Probe::leaf reasons.code=clobber-missing} } }
