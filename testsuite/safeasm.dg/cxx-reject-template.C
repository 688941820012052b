// A rejected asm in a function template instance: the message gives
// the template's pretty name with its arguments.
// { dg-do run }
// { dg-shouldfail "SIGILL" }

#include <cstdio>

template <typename T>
__attribute__ ((noinline)) T
mul_low (T a, T b)
{
  T lo;
  asm ("mulq %2" // { dg-warning "safeasm \\\[clobber-missing\\\]: \[^\n\]*rdx" }
       : "=a" (lo)
       : "0" (a), "rm" (b)
       : "cc");
  return lo;
}

int
main ()
{
  std::fputs ("before the asm\n", stderr);
  unsigned long r = mul_low<unsigned long> (6, 7);
  std::printf ("after the asm %lu\n", r);
  return 0;
}
// { dg-output "before the asm\n\[^\n\]*cxx-reject-template\\.C:13: in T mul_low\\(T, T\\) \\\[with T = long unsigned int\\\]: safeasm rejected inline asm: \\\[clobber-missing\\\] \[^\n\]*rdx" }
