/* codes.c -- the reason codes: one table of {code, name, summary}.
   Names are stable; reports, tests and the manual rely on them.  */

#include <string.h>
#include "safeasm.h"

static const struct {
  enum sa_code code;
  const char *name;
  const char *summary;
} codes[] = {
  { SA_UNKNOWN_INSN, "unknown-insn", "an instruction safeasm does not know" },
  { SA_DIRECTIVE, "directive", "an assembler directive that emits data or changes sections or syntax" },
  { SA_TEMPLATE_SYNTAX, "template-syntax", "a template safeasm cannot parse (bad %-operand, unbalanced parentheses)" },
  { SA_BAD_OPERAND, "bad-operand", "an operand the instruction does not take in that form (e.g. a shift count not in %cl)" },
  { SA_CONSTRAINT, "constraint", "a constraint or clobber safeasm does not understand" },
  { SA_CLOBBER_MISSING, "clobber-missing", "a register written that is neither an output nor a clobber" },
  { SA_INPUT_WRITTEN, "input-written", "an input-only operand modified by the asm" },
  { SA_OUTPUT_READ, "output-read", "an output-only operand read before it is written (should it be \"+\"?)" },
  { SA_OUTPUT_UNSET, "output-unset", "an output not (fully) written by the asm" },
  { SA_UNDECLARED_READ, "undeclared-read", "a register read that holds no declared input" },
  { SA_FLAGS_READ, "flags-read", "flags read before the asm sets them" },
  { SA_EARLYCLOBBER, "earlyclobber", "an output written before an input is read, without '&'" },
  { SA_MEMORY, "memory", "a memory access the policy does not allow or the contract does not declare" },
  { SA_CONTROL_FLOW, "control-flow", "control leaves the asm other than to an asm goto label" },
  { SA_STACK_USE, "stack", "the asm moves or writes the stack pointer (red zone)" },
  { SA_PRIVILEGED, "privileged", "a privileged instruction, which faults in user space" },
  { SA_NOT_PURE, "not-pure", "a non-volatile asm whose result is not a function of its inputs" },
  { SA_DIALECT, "dialect", "Intel syntax is in effect and the template has no {att|intel} alternative" },
  { SA_PREFIX, "prefix", "a lock or rep prefix on an instruction that does not take it" },
  { SA_TOO_COMPLEX, "too-complex", "the statement exceeds the analyzer's limits" },
  { SA_REJECTED_INSN, "rejected-insn", "an instruction that safeasm deliberately rejects" },
  { SA_UNSUPPORTED, "unsupported", "the target or the statement's form is not supported" },
  { SA_DIRECTION_FLAG, "direction-flag", "the asm leaves the direction flag set; GCC assumes it is clear" },
  { SA_FRAME_POINTER, "frame-pointer", "the asm changes %rbp while the function uses it as its frame pointer" },
  { SA_X87_STACK, "x87-stack", "the asm leaves the x87 register stack deeper or shallower than its operands say, or changes GCC's values on it" },
  { SA_NOTE_BSF_ZERO, "note-bsf-zero", "note: bsf/bsr leave the destination undefined for a zero source" },
  { SA_NOTE_TOPLEVEL, "note-toplevel", "note: top-level asm is not a statement and is not checked" },
  { SA_NOTE_SEGMENT, "note-segment", "note: a %fs/%gs-relative access (thread-local storage) is outside the C object model" },
};

static int
find (enum sa_code code)
{
  for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (codes[i].code == code)
      return (int) i;
  return -1;
}

const char *
sa_code_name (enum sa_code code)
{
  int i = find (code);
  return i < 0 ? NULL : codes[i].name;
}

const char *
sa_code_summary (enum sa_code code)
{
  int i = find (code);
  return i < 0 ? NULL : codes[i].summary;
}

enum sa_code
sa_code_from_name (const char *name)
{
  for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (strcmp (codes[i].name, name) == 0)
      return codes[i].code;
  return SA_NOTE_NONE;
}

int
sa_code_is_note (enum sa_code code)
{
  return code >= SA_NOTE_BSF_ZERO && code < SA_CODE_COUNT;
}
