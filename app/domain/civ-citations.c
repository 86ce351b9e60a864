// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-citations.c — the citation table of domain.md's rules (civ-citations.h)
 *
 * One row per rule, in domain.md's order: id, citation, short title. The
 * acts are spelled once, below, as domain.md §0 names them. Rows marked
 * "no source named" are rules whose domain.md entry names no act: they cite
 * the act or standard of their section, without an article.
 *
 * Articles cited: every article of a [CC …], [JS1 …], [MRR03 …], [DAB …],
 * [ADOPT …], [BZ …] tag and of the two acts named in a rule's text. Of the
 * 2025 婚姻登记条例 only Articles 2 (the registries) and 4 (the national
 * database) were checked against the published text (国务院令第804号); its
 * other tagged articles (6, 8, 10, 11) are not cited until someone has.
 */
#include "civ-citations.h"

#include <string.h>

/* The acts (domain.md §0). */
#define CC "《中华人民共和国民法典》"
#define JS1 "《最高人民法院关于适用〈中华人民共和国民法典〉婚姻家庭编的解释（一）》"
#define MRR03 "《婚姻登记条例》（2003年）"
#define MRR25 "《婚姻登记条例》（2025年修订）"
#define MRR94 "《婚姻登记管理条例》（1994年）"
#define GF25 "《婚姻登记工作规范》（民发〔2025〕23号）"
#define MF116                                                                                      \
  "《民政部关于贯彻落实〈中华人民共和国民法典〉中有关婚姻登记规定的通知》（民发〔2020〕116号）"
#define DAB "《婚姻登记档案管理办法》"
#define ADOPT "《中国公民收养子女登记办法》"
#define PG "《收养评估办法（试行）》"
#define BZ "《殡葬管理条例》"
#define DC14 "《居民死亡医学证明（推断）书》（2014年版）"
#define DC26 "《居民死亡医学证明（推断）书》（2026年版）"
#define HJ "《中华人民共和国户口登记条例》"
#define SJ "《社会救助暂行办法》"
#define IDLAW "《中华人民共和国居民身份证法》"
#define MLAW50 "《中华人民共和国婚姻法》（1950年）"
#define MLAW80 "《中华人民共和国婚姻法》（1980年）"
#define GB11643 "《公民身份号码》（GB 11643）"
#define GB2260 "《中华人民共和国行政区划代码》（GB/T 2260）"
#define GB22611 "《个人基本信息分类与代码 第1部分：人的性别代码》（GB/T 2261.1）"
#define GB22612 "《个人基本信息分类与代码 第2部分：婚姻状况代码》（GB/T 2261.2）"
#define GB2659 "《世界各国和地区名称代码》（GB/T 2659）"
#define MZT113 "MZ/T 113-2018"

typedef struct
{
  const char *id;
  const char *citation;
  const char *summary;
} CivCitation;

static const CivCitation citations[] = {
  /* §1 Identity documents */
  { "R-ID1", GB11643, "十八位公民身份号码的结构：地址码、出生日期码、顺序码、校验码" },
  { "R-ID2", GB11643, "公民身份号码校验码的计算（ISO 7064 MOD 11-2）" },
  { "R-ID3", GB11643, "十五位身份号码照录保存，仅为比对换算为十八位" },
  { "R-ID4", GB11643, "1900年以前出生者的号码换算须人工复核" }, /* no source named */
  { "R-ID5", IDLAW "第三条、" GB2260,
    "出生日期须为真实日期且不晚于事件日期；地址码停用不构成拒绝理由" },
  { "R-ID6", GB2260, "行政区划代码按时间版本保存，不改写历史" }, /* no source named */
  { "R-ID7", GB11643,
    "港澳台居民居住证号码的地址码为810000、820000、830000" }, /* no source named */
  { "R-ID8", GB2659, "外国人永久居留身份证号码的结构" },      /* no source named */
  { "R-ID9", MRR25, "往来内地（大陆）通行证号码与护照号码" }, /* no source named */
  { "R-ID10", GB22611 "、" GB22612, "性别代码与婚姻状况代码" },

  /* §2 Marriage registration */
  { "R-M1", CC "第一千零四十九条、" MRR25, "结婚登记须双方亲自到场共同申请，不得代理" },
  { "R-M2", CC "第一千零四十七条", "法定婚龄：男不早于二十二周岁，女不早于二十周岁" },
  { "R-M3", CC "第一千零四十二条、第一千零五十一条", "任何一方已有配偶的，不予结婚登记" },
  { "R-M4", CC "第一千零四十八条", "直系血亲或者三代以内旁系血亲禁止结婚（含收养关系）" },
  { "R-M5", CC "第一千零四十六条", "结婚须男女双方完全自愿" },
  { "R-M6", MRR25 "、" CC "第一千零五十三条",
    "2025年5月10日起不予登记仅四种情形；重大疾病为告知义务" },
  { "R-M7", MRR25, "审查证件、询问情况并联网核对，当场登记或说明不予登记的理由" },
  { "R-M8", MRR25 "第二条、" MRR03 "第四条",
    "管辖：2025年5月10日起全国通办，此前为一方常住户口所在地" },
  { "R-M9", MRR25 "第二条", "涉外、涉港澳台和华侨的婚姻登记由省级民政部门或其确定的机关办理" },
  { "R-M10", MRR25, "结婚登记应当出具的证件和声明" },
  { "R-M11", MRR25, "2025年5月10日起婚姻登记不收费" },
  { "R-M12", MRR03, "境外出具的声明自出具之日起六个月内有效" }, /* no source named */
  { "R-M13", MRR25 "、" JS1 "第六条", "补办结婚登记：条件相同，分别记录登记日期和婚姻效力起算日" },
  { "R-M14", MRR03 "第十四条", "复婚按结婚登记办理，婚姻性质代码为23" },
  { "R-M15", JS1 "第七条", "1994年2月1日以前的事实婚姻由人民法院处理，登记机关不建记录" },
  { "R-M16", MRR25 "、" GF25, "婚姻登记员的培训、报告、提示和保密职责" },

  /* §2.1 Void and annulled marriages */
  { "R-V1", CC "第一千零五十一条", "婚姻无效仅限重婚、禁婚亲属、未到法定婚龄，由人民法院宣告" },
  { "R-V2", CC "第一千零五十二条、" MF116 "、" DAB "第六条",
    "胁迫婚姻自2021年起仅由人民法院撤销；此前登记机关撤销的档案照常支持" },
  { "R-V4", MRR03 "第十六条、" DAB "第九条", "收到人民法院判决书后归档副本并在原记录备注" },
  { "R-V5", GF25, "登记机关撤销婚姻登记的程序：审查、告知、决定、送达、归档" },

  /* §2.2 Divorce registration and the cooling-off period */
  { "R-D1", CC "第一千零七十六条", "协议离婚须双方亲自到场并签订书面离婚协议" },
  { "R-D2", MRR25, "离婚登记须出具身份证件和结婚证" },
  { "R-D3", MRR03 "第十二条、" MF116,
    "未达成协议、不具有完全民事行为能力或者非内地登记的婚姻，不予受理" },
  { "R-D4", MF116, "结婚证遗失时应当提交的替代材料" },
  { "R-D5", CC "第一千零七十七条、第二百零三条",
    "离婚冷静期三十日，自受理次日起算，末日为法定休假日的顺延" },
  { "R-D6", CC "第一千零七十七条", "冷静期届满后三十日内双方共同申请发证，逾期视为撤回" },
  { "R-D7", CC "第一千零七十八条", "发证前再次确认自愿离婚和协议内容，发给离婚证" },
  { "R-D8", CC "第一千零八十条", "诉讼离婚无冷静期，记录法律文书号和生效日期" },

  /* §2.3 Certificates and numbers */
  { "R-N1", GF25, "结婚证、离婚证字号的格式，按年连续编号且不得重用" }, /* no source named */
  { "R-N2", MZT113, "旧格式字号照录原文并标注格式年代" },               /* no source named */
  { "R-N3", GF25, "结婚证的记载事项，一式两份" },                       /* no source named */
  { "R-B1", MRR25, "补领婚姻登记证须经档案确认原登记" },                /* no source named */
  { "R-B2", MRR25, "证件损毁或者信息与现身份证件不符的，可以补领" },    /* no source named */
  { "R-B3", MRR25, "补领仅在婚姻状况仍然存续时办理" },                  /* no source named */
  { "R-B4", GF25, "补领证件所需照片" },                                 /* no source named */

  /* §2.4 Archives */
  { "R-AR1", DAB "第五条至第八条", "婚姻登记档案的归档材料" },
  { "R-AR2", DAB "第九条、第十条", "按年度、类别立卷，一对当事人一卷一档号" },
  { "R-AR3", DAB, "婚姻登记档案长期保管，免费提供查询" }, /* no source named */
  { "R-AR4", MF116, "撤回的离婚登记申请也应归档" },

  /* §2.5 Serious dishonesty */
  { "R-C1", MRR25, "婚姻登记严重失信行为的记录：标记复核，不构成登记障碍" }, /* no source named */

  /* §2.6 Historical backfill */
  { "R-H1", MLAW50 "、" MLAW80,
    "历史婚龄：1981年前男二十女十八，此后男二十二女二十；违者标注不拒收" }, /* no source named */
  { "R-H2", MRR94 "、" MRR03 "、" CC "、" MRR25, "婚姻登记规则的历次施行日期" },
  { "R-H3", MZT113, "1984年以前无身份号码的记录不得填写占位号码" }, /* no source named */
  { "R-H4", MZT113, "补录须使用国家代码表，异常照录并加备注，日期可不完整" },

  /* §3 Adoption */
  { "R-A1", CC "第一千零九十三条", "可以被收养的未成年人" },
  { "R-A2", CC "第一千零九十四条至第一千零九十七条", "可以作送养人的人及送养的同意" },
  { "R-A3", CC "第一千零九十八条", "收养人应当同时具备的条件" },
  { "R-A4", CC "第一千一百条", "收养子女的人数限制及其例外" },
  { "R-A5", CC "第一千一百零一条、第一千一百零二条、第一千一百零四条",
    "夫妻共同收养；无配偶者收养异性子女须相差四十周岁；八周岁以上须本人同意" },
  { "R-A6", CC "第一千零九十九条、第一千一百零三条", "收养三代以内旁系同辈血亲子女和继子女的例外" },
  { "R-A7", CC "第一千一百零五条、" ADOPT "第八条",
    "收养自登记之日起成立；查找不到生父母的先公告六十日" },
  { "R-A8", ADOPT "第四条", "收养登记的管辖机关" },
  { "R-A9", ADOPT "第五条", "收养登记当事人亲自到场，夫妻一方可书面委托另一方" },
  { "R-A10", ADOPT "第八条", "自申请次日起三十日内审查，准予登记或者说明理由" },
  { "R-A11", PG, "收养评估：继子女收养除外，免费，评估人员不少于二人" },
  { "R-A12", CC "第一千一百零九条", "外国人在华收养子女" },
  { "R-A13", CC "第一千一百一十条", "保守收养秘密，收养档案按角色查阅并留痕" },
  { "R-A14", CC "第一千一百一十四条至第一千一百一十六条、" ADOPT "第十条、第十一条",
    "解除收养关系登记" },
  { "R-A15", ADOPT "第十三条、" CC "第一千一百一十三条",
    "以欺骗手段取得的收养登记无效，由登记机关撤销" },

  /* §4 Funeral and cremation */
  { "R-F1", BZ "第四条、第十五条、第二十条", "火葬区内遗体应当火化" },
  { "R-F2", BZ "第十三条", "火化遗体须凭死亡证明" },
  { "R-F3", BZ "第六条", "尊重少数民族的丧葬习俗" },
  { "R-F4", BZ,
    "基本殡葬公共服务、收费目录与全流程监管（2026年修订，待核实）" }, /* no source named */
  { "R-F5", DC26, "2026年7月1日起的死亡证明编号规则" },
  { "R-F6", DC14, "2014年版死亡医学证明书的项目（补录用）" },
  { "R-F7", HJ "第八条", "死亡登记和注销户口" },
  { "R-F8", BZ, "惠民殡葬：困难群众基本殡葬服务减免，按地区配置" }, /* no source named */
  { "R-F9", SJ "第十五条", "特困人员供养包括办理丧葬事宜" },
  { "R-F10", BZ, "基本殡葬服务实行政府指导价（待核实）" },   /* no source named */
  { "R-F11", BZ, "节地生态安葬的方式" },                     /* no source named */
  { "R-F12", BZ, "火化率的计算，分子、分母和范围分别记录" }, /* no source named */
  { "R-F13", BZ, "火化证明按重要票证管理" },                 /* no source named */
  { "R-F14", CC, "一方死亡，婚姻终止，生存配偶为丧偶" },     /* no source named */

  /* §5 Reporting upward */
  { "R-X1", MRR25 "第四条", "婚姻登记信息经省级上报全国婚姻基础信息库" },
  { "R-X2", MRR25, "本系统以自建应用加接口调用方式对接上级系统" }, /* no source named */
  { "R-X3",
    "MZ/T 012-2014、MZ/T 082-2017、MZ/T 113-2018、MZ/T 117-2018、MZ/T 141-2019、MZ/T 145-2019",
    "相关数据交换标准" },
  { "R-X4", MRR25 "、" ADOPT "、" BZ, "年度统计上报事项" }, /* no source named */
};

static const CivCitation *
lookup (const char *rule_id)
{
  if (rule_id == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (citations); i++)
    if (strcmp (citations[i].id, rule_id) == 0)
      return &citations[i];
  return NULL;
}

const char *
civ_citation_for_rule (const char *rule_id)
{
  const CivCitation *c = lookup (rule_id);

  return c != NULL ? c->citation : NULL;
}

const char *
civ_rule_summary (const char *rule_id)
{
  const CivCitation *c = lookup (rule_id);

  return c != NULL ? c->summary : NULL;
}

const char *const *
civ_citation_rules (void)
{
  static const char *ids[G_N_ELEMENTS (citations) + 1];
  static gsize       done = 0;

  if (g_once_init_enter (&done))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (citations); i++)
        ids[i] = citations[i].id;
      ids[G_N_ELEMENTS (citations)] = NULL;
      g_once_init_leave (&done, 1);
    }
  return ids;
}

static const char *const digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

/* One group of four digits (0 < n < 10000), without leading 零. */
static void
append_group (GString *out, guint n)
{
  static const char *const units[] = { "千", "百", "十", "" };
  static const guint       powers[] = { 1000, 100, 10, 1 };
  gboolean                 started = FALSE;
  gboolean                 zero = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (powers); i++)
    {
      guint d = (n / powers[i]) % 10;

      if (d == 0)
        {
          zero = started;
          continue;
        }
      if (zero)
        g_string_append (out, "零");
      zero = FALSE;
      started = TRUE;
      g_string_append (out, digits[d]);
      g_string_append (out, units[i]);
    }
}

char *
civ_citation_chinese_numeral (guint n)
{
  static const char *const big[] = { "亿", "万", "" };
  guint                    groups[3] = { n / 100000000u, (n / 10000u) % 10000u, n % 10000u };
  GString                 *out = g_string_new (NULL);
  gboolean                 gap = FALSE;

  if (n == 0)
    return g_string_free (g_string_append (out, "零"), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      guint g = groups[i];

      if (g == 0)
        {
          gap = out->len > 0;
          continue;
        }
      /* 十万零一十, 一亿零一千: a 零 where a higher place is empty. */
      if (out->len > 0 && (gap || g < 1000))
        g_string_append (out, "零");
      gap = FALSE;
      /* The first group reads 十一, not 一十一; inside a number 一百一十. */
      if (out->len == 0 && g >= 10 && g < 20)
        {
          g_string_append (out, "十");
          if (g % 10 != 0)
            g_string_append (out, digits[g % 10]);
        }
      else
        append_group (out, g);
      g_string_append (out, big[i]);
    }
  return g_string_free (out, FALSE);
}
