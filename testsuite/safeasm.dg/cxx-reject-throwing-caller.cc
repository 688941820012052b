// *.cc files are C++ too.  A rejected asm (push/pop) in a function
// called from a try block: the trap is not an exception, the program
// dies of SIGILL with the message.
// { dg-do run }
// { dg-shouldfail "SIGILL" }

#include <cstdio>
#include <stdexcept>

__attribute__ ((noinline)) static unsigned long
copy_through_stack (unsigned long x)
{
  unsigned long y;
  asm ("pushq %1\n\t" // { dg-warning "safeasm \\\[stack\\\]: \[^\n\]*push" }
       "popq %0"
       : "=r" (y)
       : "r" (x));
  if (y != x)
    throw std::runtime_error ("copy failed");
  return y;
}

int
main ()
{
  std::fputs ("before the asm\n", stderr);
  try
    {
      std::printf ("after the asm %lu\n", copy_through_stack (42));
    }
  catch (...)
    {
      std::puts ("caught");
    }
  return 0;
}
// { dg-output "before the asm\n\[^\n\]*cxx-reject-throwing-caller\\.cc:14: in long unsigned int copy_through_stack\\(long unsigned int\\): safeasm rejected inline asm: \\\[stack\\\] " }
