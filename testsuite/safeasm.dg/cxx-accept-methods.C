// Accepted asm in C++: in a member function, a function template and a
// lambda; each result checked against the C++ it stands for.
// { dg-do run }

#include <cstdio>
#include <cstdint>

namespace bits {

struct Swapper
{
  std::uint32_t operator() (std::uint32_t x) const;
};

__attribute__ ((noinline)) std::uint32_t
Swapper::operator() (std::uint32_t x) const
{
  asm ("bswapl %0" : "+r" (x)); // { dg-bogus "safeasm" }
  return x;
}

template <typename T>
__attribute__ ((noinline)) T
add (T a, T b)
{
  asm ("add %1, %0" : "+r" (a) : "r" (b) : "cc"); // { dg-bogus "safeasm" }
  return a;
}

} // namespace bits

int
main ()
{
  bits::Swapper swap;
  auto neg = [] (long x) __attribute__ ((noinline)) {
    asm ("negq %0" : "+r" (x) : : "cc"); // { dg-bogus "safeasm" }
    return x;
  };
  for (std::uint32_t i = 0; i < 100000; i += 13)
    {
      std::uint32_t v = i * 2654435761u;
      if (swap (v) != __builtin_bswap32 (v)
	  || bits::add<std::uint32_t> (v, i) != v + i
	  || bits::add<std::uint64_t> (v, 1ull << 40) != v + (1ull << 40)
	  || neg ((long) i) != -(long) i)
	{
	  std::printf ("mismatch at %u\n", i);
	  return 1;
	}
    }
  std::puts ("c++ ok");
  return 0;
}
// { dg-output "c\\+\\+ ok" }
// { dg-final { scan-report-not "\"verdict\": *\"reject\"" } }
// { dg-final { scan-report-match {verdict=accept function~Swapper::operator\\(\\)} } }
