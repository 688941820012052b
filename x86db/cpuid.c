/* cpuid.c -- facts about cpuid leaves: which ones select a sub-leaf
   with ecx (Intel SDM vol. 2A, CPUID; AMD APM vol. 3, appendix E).  */

#include "x86db.h"

static const unsigned long subleaf_leaves[] = {
  0x4,          /* deterministic cache parameters */
  0x7,          /* structured extended features */
  0xb,          /* extended topology */
  0xd,          /* processor extended state (XSAVE) */
  0xf,          /* resource director technology monitoring */
  0x10,         /* resource director technology allocation */
  0x12,         /* SGX */
  0x14,         /* processor trace */
  0x17,         /* SoC vendor attributes */
  0x18,         /* deterministic address translation parameters */
  0x1b,         /* PCONFIG */
  0x1d,         /* tile information */
  0x1f,         /* V2 extended topology */
  0x20,         /* processor history reset */
  0x23,         /* architectural performance monitoring extended */
  0x24,         /* AVX10 */
  0x8000001d,   /* AMD cache topology */
  0x80000020,   /* AMD platform QoS */
  0x80000026,   /* AMD extended CPU topology */
};

/* Leaves whose results differ from one logical processor to the next:
   the APIC ids (1, 0xb, 0x1f, 0x8000001e) and the hybrid core type
   (0x1a).  */
static const unsigned long per_core_leaves[] = { 0x1, 0xb, 0x1a, 0x1f, 0x8000001e };

static int
in_list (const unsigned long *list, size_t n, unsigned long leaf)
{
  for (size_t i = 0; i < n; i++)
    if (list[i] == leaf)
      return 1;
  return 0;
}

int
x86db_cpuid_leaf_per_core (unsigned long leaf)
{
  return in_list (per_core_leaves, sizeof per_core_leaves / sizeof per_core_leaves[0], leaf);
}

int
x86db_cpuid_leaf_has_subleaf (unsigned long leaf)
{
  return in_list (subleaf_leaves, sizeof subleaf_leaves / sizeof subleaf_leaves[0], leaf);
}
