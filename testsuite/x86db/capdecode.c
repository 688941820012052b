/* capdecode.c -- decode instructions with capstone (detail mode) for
   the x86db decoder cross-check (x86db-check.py).  Reads lines
   "ID HEXBYTES" on stdin; prints per line

     ID MNEMONIC|OPERANDS|READ|WRITTEN|FLAGS

   READ and WRITTEN are capstone's implicit registers (regs_read,
   regs_write; comma-separated, "-" if none).  FLAGS is "fpu" for an
   x87 instruction (capstone keeps FPU flags, not EFLAGS, there), else
   m=.. u=.. 0=.. 1=.. t=.. p=.. : the flags (x86db letters CPAZSOD)
   capstone says are modified, undefined, reset, set, tested and
   restored from a prior value.  "ID !" if capstone cannot decode all
   of the bytes as one instruction.  */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <capstone/capstone.h>

struct fl { unsigned long long bit; char letter; };

static void
print_flags (const char *name, unsigned long long ef, const struct fl *t)
{
  char buf[16];
  int n = 0;
  for (; t->bit; t++)
    if (ef & t->bit)
      buf[n++] = t->letter;
  buf[n] = 0;
  printf (" %s=%s", name, n ? buf : "-");
}

int
main (void)
{
  static const struct fl mod[] = {
    { X86_EFLAGS_MODIFY_CF, 'C' }, { X86_EFLAGS_MODIFY_PF, 'P' }, { X86_EFLAGS_MODIFY_AF, 'A' },
    { X86_EFLAGS_MODIFY_ZF, 'Z' }, { X86_EFLAGS_MODIFY_SF, 'S' }, { X86_EFLAGS_MODIFY_OF, 'O' },
    { X86_EFLAGS_MODIFY_DF, 'D' }, { 0, 0 } };
  static const struct fl und[] = {
    { X86_EFLAGS_UNDEFINED_CF, 'C' }, { X86_EFLAGS_UNDEFINED_PF, 'P' },
    { X86_EFLAGS_UNDEFINED_AF, 'A' }, { X86_EFLAGS_UNDEFINED_ZF, 'Z' },
    { X86_EFLAGS_UNDEFINED_SF, 'S' }, { X86_EFLAGS_UNDEFINED_OF, 'O' }, { 0, 0 } };
  static const struct fl rst[] = {
    { X86_EFLAGS_RESET_CF, 'C' }, { X86_EFLAGS_RESET_PF, 'P' }, { X86_EFLAGS_RESET_AF, 'A' },
    { X86_EFLAGS_RESET_ZF, 'Z' }, { X86_EFLAGS_RESET_SF, 'S' }, { X86_EFLAGS_RESET_OF, 'O' },
    { X86_EFLAGS_RESET_DF, 'D' }, { 0, 0 } };
  static const struct fl set[] = {
    { X86_EFLAGS_SET_CF, 'C' }, { X86_EFLAGS_SET_AF, 'A' }, { X86_EFLAGS_SET_ZF, 'Z' },
    { X86_EFLAGS_SET_SF, 'S' }, { X86_EFLAGS_SET_OF, 'O' }, { X86_EFLAGS_SET_DF, 'D' },
    { 0, 0 } };
  static const struct fl tst[] = {
    { X86_EFLAGS_TEST_CF, 'C' }, { X86_EFLAGS_TEST_PF, 'P' }, { X86_EFLAGS_TEST_AF, 'A' },
    { X86_EFLAGS_TEST_ZF, 'Z' }, { X86_EFLAGS_TEST_SF, 'S' }, { X86_EFLAGS_TEST_OF, 'O' },
    { X86_EFLAGS_TEST_DF, 'D' }, { 0, 0 } };
  static const struct fl pri[] = {
    { X86_EFLAGS_PRIOR_CF, 'C' }, { X86_EFLAGS_PRIOR_PF, 'P' }, { X86_EFLAGS_PRIOR_AF, 'A' },
    { X86_EFLAGS_PRIOR_ZF, 'Z' }, { X86_EFLAGS_PRIOR_SF, 'S' }, { X86_EFLAGS_PRIOR_OF, 'O' },
    { X86_EFLAGS_PRIOR_DF, 'D' }, { 0, 0 } };
  csh h;
  char line[512];

  if (cs_open (CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
    {
      fprintf (stderr, "capdecode: cs_open failed\n");
      return 2;
    }
  cs_option (h, CS_OPT_DETAIL, CS_OPT_ON);
  cs_option (h, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
  while (fgets (line, sizeof line, stdin))
    {
      unsigned char code[32];
      size_t n = 0;
      char id[64];
      const char *p;
      int off;
      cs_insn *insn;
      size_t count;

      if (sscanf (line, "%63s %n", id, &off) != 1)
        continue;
      for (p = line + off; p[0] && p[1] && n < sizeof code; p += 2)
        {
          unsigned v;
          if (sscanf (p, "%2x", &v) != 1)
            break;
          code[n++] = (unsigned char) v;
        }
      count = cs_disasm (h, code, n, 0x1000, 0, &insn);
      if (count != 1 || insn[0].size != n)
        {
          printf ("%s !\n", id);
          if (count)
            cs_free (insn, count);
          continue;
        }
      {
        const cs_detail *d = insn[0].detail;
        printf ("%s %s|%s|", id, insn[0].mnemonic, insn[0].op_str);
        for (int i = 0; i < d->regs_read_count; i++)
          printf ("%s%s", i ? "," : "", cs_reg_name (h, d->regs_read[i]));
        printf ("%s|", d->regs_read_count ? "" : "-");
        for (int i = 0; i < d->regs_write_count; i++)
          printf ("%s%s", i ? "," : "", cs_reg_name (h, d->regs_write[i]));
        printf ("%s|", d->regs_write_count ? "" : "-");
        if (cs_insn_group (h, &insn[0], X86_GRP_FPU))
          printf ("fpu");
        else
          {
            unsigned long long ef = d->x86.eflags;
            printf ("flags");
            print_flags ("m", ef, mod);
            print_flags ("u", ef, und);
            print_flags ("0", ef, rst);
            print_flags ("1", ef, set);
            print_flags ("t", ef, tst);
            print_flags ("p", ef, pri);
          }
        printf ("\n");
      }
      cs_free (insn, count);
    }
  cs_close (&h);
  return 0;
}
