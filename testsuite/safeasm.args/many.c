/* 512 accepted asm statements (8 x 8 x 8): the report gets one line
   for each.  Used by the parallel report test.  */

#define S1 __asm__ ("addl $1, %0" : "+r" (x) : : "cc");
#define S8 S1 S1 S1 S1 S1 S1 S1 S1
#define S64 S8 S8 S8 S8 S8 S8 S8 S8
#define S512 S64 S64 S64 S64 S64 S64 S64 S64

unsigned
count (unsigned x)
{
  S512
  return x;
}

int
main (void)
{
  return count (0) == 512 ? 0 : 1;
}
