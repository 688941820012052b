/* An asm whose operand may be a register or memory ("+rm"): under
   policy=strict the plugin compiles it as "+r", so even at -O0 (where
   GCC would pick memory) the assembly has a register operand.  */

unsigned
swap (unsigned x)
{
  __asm__ ("bswapl %0" : "+rm" (x)); /* ASM-LINE */
  return x;
}
