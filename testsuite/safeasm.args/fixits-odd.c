/* Rejected asm statements with mechanical fixes, written in ways the
   fix-it scanner (analyzer/source.c) must either follow exactly
   (HINT-N: a hint somewhere from that line to the next END) or give
   up on (NOHINT-N: the warning, and no hint from that line to the next
   END).  Compiled by args.exp with -fdiagnostics-parseable-fixits.  */

#define TEMPLATE "cpuid"

unsigned
continued (void)
{
  unsigned a, c, d; /* NOHINT-1 */
  __asm__ volatile ("cpu\
id" : "=a" (a), "=c" (c), "=d" (d) : "0" (0), "1" (0)); /* END */
  return a + c + d;
}

unsigned
directive (void)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" /* NOHINT-2 */
#if 1
		    : "=a" (a), "=c" (c), "=d" (d)
#endif
		    : "0" (0), "1" (0)); /* END */
  return a + c + d;
}

unsigned
universal (void)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid # caf\u00e9" /* NOHINT-3 */
		    : "=a" (a), "=c" (c), "=d" (d) : "0" (0), "1" (0)); /* END */
  return a + c + d;
}

unsigned
raw (void)
{
  unsigned a, c, d;
  __asm__ volatile (R"(cpuid)" /* NOHINT-4 */
		    : "=a" (a), "=c" (c), "=d" (d) : "0" (0), "1" (0)); /* END */
  return a + c + d;
}

unsigned
macro_template (void)
{
  unsigned a, c, d;
  __asm__ volatile (TEMPLATE /* NOHINT-5 */
		    : "=a" (a), "=c" (c), "=d" (d) : "0" (0), "1" (0)); /* END */
  return a + c + d;
}

unsigned
escaped_constraint (unsigned x, unsigned y)
{
  __asm__ ("addl %1, %0" : "\x3dr" (x) : "r" (y) : "cc"); /* NOHINT-6 END */
  return x;
}

unsigned
comment_in_operands (void)
{
  unsigned a, c, d;
  __asm__ volatile ("cpuid" /* ) " : */ : "=a" (a), "=c" (c), "=d" (d) /* HINT-1 */
		    : "0" (0), "1" (0)); /* END */
  return a + c + d;
}

unsigned
literals_in_operands (unsigned x, unsigned y, char c)
{
  __asm__ ("addl %1, %0" : "=r" (x) /* HINT-2 */
	   : "r" (c == ')' ? y : (unsigned) sizeof ("))(")) : "cc"); /* END */
  return x;
}

unsigned long
adjacent (void)
{
  unsigned lo, hi;
  asm ("rdtsc" "\n\t" "nop" : "=a" (lo), "=d" (hi)); /* HINT-3 END */
  return ((unsigned long) hi << 32) | lo;
}
