// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the shared image library in kernel context (rpi_summarize() and
 * rpi_analyze() with the kernel SHA-256 library) and the module's decoders
 * around it (summary -> record, key fingerprint).
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <crypto/sha2.h>
#include "record.h"
#include "image.h"
#include "analysis.h"
#include "rproc_image.h"

#define SIGN_LEN	256
#define IMG_LEN		64

struct built {
	u8 *buf;
	size_t size;
	size_t pkey_off;
};

static void put_le32(u32 v, u8 *p)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static size_t put_tlv(u8 *p, u32 type, const void *val, u32 len)
{
	put_le32(type, p);
	put_le32(len, p + 4);
	memcpy(p + 8, val, len);
	return 8 + RPI_R8(len);
}

/* An F3 image: header, TLVs, zero signature, a 64-byte "image". */
static struct built build_f3(struct kunit *test, bool bootaddr)
{
	static const u8 elfmag[4] = { 0x7f, 'E', 'L', 'F' };
	static const u8 one = 1;
	u8 pkey[16], tlv[256];
	struct built b = {};
	size_t n = 0, off;
	u32 v;

	memset(pkey, 0x5a, sizeof(pkey));
	n += put_tlv(tlv + n, RPI_TLV_SIGNTYPE, &one, 1);
	n += put_tlv(tlv + n, RPI_TLV_HASHTYPE, &one, 1);
	n += put_tlv(tlv + n, RPI_TLV_NUM_IMG, &one, 1);
	n += put_tlv(tlv + n, RPI_TLV_IMGTYPE, &one, 1);
	v = IMG_LEN;
	n += put_tlv(tlv + n, RPI_TLV_IMGSIZE, &v, 4);
	if (bootaddr) {
		v = 0x80000000;
		n += put_tlv(tlv + n, RPI_TLV_ST_BOOTADDR, &v, 4);
	}
	b.pkey_off = RPI_F3_HDR_LEN + n + 8;
	n += put_tlv(tlv + n, RPI_TLV_PKEYINFO, pkey, sizeof(pkey));

	b.size = RPI_F3_HDR_LEN + n + SIGN_LEN + IMG_LEN;
	b.buf = kunit_kzalloc(test, b.size + 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b.buf);
	put_le32(RPI_MAGIC, b.buf);
	put_le32(RPI_VERSION, b.buf + 4);
	put_le32(n, b.buf + 8);
	put_le32(SIGN_LEN, b.buf + 12);
	put_le32(IMG_LEN, b.buf + 16);
	memcpy(b.buf + RPI_F3_HDR_LEN, tlv, n);
	off = RPI_F3_HDR_LEN + n + SIGN_LEN;
	memcpy(b.buf + off, elfmag, sizeof(elfmag));
	return b;
}

static void image_summary_f3(struct kunit *test)
{
	struct built b = build_f3(test, true);
	struct rproc_diag_image_rec img;
	struct rpi_summary *s;
	u8 want[32];

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, rpi_summarize(b.buf, b.size, b.size, s),
			(u32)RPROC_DIAG_FMT_F3);
	KUNIT_EXPECT_EQ(test, s->size_delta, 0LL);

	rproc_diag_image_summarize(b.buf, b.size, &img);
	KUNIT_EXPECT_EQ(test, img.format, (u32)RPROC_DIAG_FMT_F3);
	KUNIT_EXPECT_EQ(test, img.magic, RPI_MAGIC);
	KUNIT_EXPECT_EQ(test, img.sign_len, (u32)SIGN_LEN);
	KUNIT_EXPECT_EQ(test, img.img_len, (u32)IMG_LEN);
	KUNIT_EXPECT_TRUE(test, img.present & RPROC_DIAG_IMG_EXPECTED);
	KUNIT_EXPECT_EQ(test, img.expected_size, (u64)b.size);
	KUNIT_EXPECT_TRUE(test, img.present & RPROC_DIAG_IMG_SIGN_TYPE);
	KUNIT_EXPECT_EQ(test, img.sign_type, 1U);
	KUNIT_EXPECT_EQ(test, img.num_img, 1U);
	KUNIT_EXPECT_TRUE(test, img.present & RPROC_DIAG_IMG_BOOTADDR);
	KUNIT_EXPECT_EQ(test, img.bootaddr, 0x80000000U);
	KUNIT_EXPECT_FALSE(test, img.present & RPROC_DIAG_IMG_BOOTSEC);
	KUNIT_EXPECT_TRUE(test, img.tlv_mask &
			  RPROC_DIAG_TLV_BIT(RPI_TLV_SIGNTYPE));
	KUNIT_EXPECT_TRUE(test, img.tlv_mask &
			  RPROC_DIAG_TLV_BIT(RPI_TLV_PKEYINFO));
	KUNIT_EXPECT_FALSE(test, img.tlv_mask &
			   RPROC_DIAG_TLV_BIT(RPI_TLV_HASHTABLE));
	/* fingerprint = SHA-256 of the PKEYINFO value */
	KUNIT_ASSERT_TRUE(test, img.present & RPROC_DIAG_IMG_PKEY);
	sha256(b.buf + b.pkey_off, 16, want);
	KUNIT_EXPECT_EQ(test, memcmp(img.pkey_sha256, want, sizeof(want)), 0);
}

static void image_summary_no_bootaddr(struct kunit *test)
{
	struct built b = build_f3(test, false);
	struct rproc_diag_image_rec img;

	rproc_diag_image_summarize(b.buf, b.size, &img);
	KUNIT_EXPECT_EQ(test, img.format, (u32)RPROC_DIAG_FMT_F3);
	KUNIT_EXPECT_FALSE(test, img.present & RPROC_DIAG_IMG_BOOTADDR);
}

/* Damaged sizes keep the closest format's expected size. */
static void image_summary_truncated(struct kunit *test)
{
	struct built b = build_f3(test, true);
	struct rproc_diag_image_rec img;

	rproc_diag_image_summarize(b.buf, b.size - 8, &img);
	KUNIT_EXPECT_EQ(test, img.format, (u32)RPROC_DIAG_FMT_DAMAGED);
	KUNIT_EXPECT_EQ(test, img.expected_size, (u64)b.size);
	rproc_diag_image_summarize(b.buf, b.size + 8, &img);
	KUNIT_EXPECT_EQ(test, img.format, (u32)RPROC_DIAG_FMT_DAMAGED);
}

static void image_summary_elf_and_garbage(struct kunit *test)
{
	static const u8 elf[64] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
	static const u8 junk[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct rproc_diag_image_rec img;

	rproc_diag_image_summarize(elf, sizeof(elf), &img);
	KUNIT_EXPECT_EQ(test, img.format, (u32)RPROC_DIAG_FMT_ELF);
	KUNIT_EXPECT_EQ(test, img.present, 0U);
	rproc_diag_image_summarize(junk, sizeof(junk), &img);
	KUNIT_EXPECT_EQ(test, img.format, (u32)RPROC_DIAG_FMT_UNKNOWN);
	rproc_diag_image_summarize(junk, 0, &img);
	KUNIT_EXPECT_EQ(test, img.format, (u32)RPROC_DIAG_FMT_UNKNOWN);
}

static bool has_finding(const struct rproc_diag_analysis_rec *an, u32 code,
			s64 value)
{
	unsigned int i;

	for (i = 0; i < an->n_findings; i++)
		if (an->findings[i].code == code &&
		    an->findings[i].value == value && an->findings[i].text[0])
			return true;
	return false;
}

/* Full analysis through the kernel SHA-256 glue names what is wrong. */
static void image_analyze_sizes(struct kunit *test)
{
	struct built b = build_f3(test, true);
	struct rproc_diag_analysis_rec *an;

	an = kunit_kzalloc(test, sizeof(*an), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, an);
	KUNIT_EXPECT_EQ(test, rproc_diag_analyze_buf(b.buf, b.size - 8, an), 0);
	KUNIT_EXPECT_TRUE(test, has_finding(an, RPROC_DIAG_FND_TRUNCATED, 8));

	memset(an, 0, sizeof(*an));
	KUNIT_EXPECT_EQ(test, rproc_diag_analyze_buf(b.buf, b.size + 8, an), 0);
	KUNIT_EXPECT_TRUE(test, has_finding(an, RPROC_DIAG_FND_APPENDED, 8));
	KUNIT_EXPECT_FALSE(test, has_finding(an, RPROC_DIAG_FND_TRUNCATED, 8));
}

static void image_analyze_not_signed(struct kunit *test)
{
	static const u8 elf[64] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
	struct rproc_diag_analysis_rec *an;

	an = kunit_kzalloc(test, sizeof(*an), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, an);
	KUNIT_EXPECT_EQ(test, rproc_diag_analyze_buf(elf, sizeof(elf), an), 0);
	KUNIT_EXPECT_TRUE(test, has_finding(an, RPROC_DIAG_FND_NOT_SIGNED, 0));
}

static struct kunit_case image_cases[] = {
	KUNIT_CASE(image_summary_f3),
	KUNIT_CASE(image_summary_no_bootaddr),
	KUNIT_CASE(image_summary_truncated),
	KUNIT_CASE(image_summary_elf_and_garbage),
	KUNIT_CASE(image_analyze_sizes),
	KUNIT_CASE(image_analyze_not_signed),
	{}
};

static struct kunit_suite image_suite = {
	.name = "rproc_diag_image",
	.test_cases = image_cases,
};

kunit_test_suite(image_suite);
