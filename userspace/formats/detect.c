// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Format auto-detection by magic and structure, names of the formats, and
 * the "this file is really X" sentences for files given to the wrong tool.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/formats.h"
#include "formats/bytes.h"

static const struct {
	const char *name;
	const char *noun;
	const char *tool;	/* what does handle it */
} kinds[FMT_KIND_COUNT] = {
	[FMT_UNKNOWN] = { "unknown", "a file of no recognised signed-image format",
			  "check that the file is the image you meant (hexdump -C | head)" },
	[FMT_OPTEE_RPROC] = { "optee-rproc", "an OP-TEE remoteproc signed firmware (magic 0x3543A468)",
			      "rproc-diag inspect reads it; it is loaded through the remoteproc TA, not by the boot ROM or a bootloader" },
	[FMT_ELF] = { "elf", "a plain, unsigned ELF file",
		      "sign it first (rproc-diag sign, imgtool sign, or the STM32 signing tool, depending on who loads it)" },
	[FMT_STM32_V1] = { "stm32-boot-v1", "an STM32 boot-ROM image with header v1.0 (STM32MP15)",
			   "rproc-diag inspect or STM32_SigningTool_CLI -dump read it; it is loaded by the STM32MP boot ROM or TF-A BL2" },
	[FMT_STM32_V2] = { "stm32-boot-v2", "an STM32 boot-ROM image with header v2.x (STM32MP13/MP2x/MP21)",
			   "rproc-diag inspect or STM32_SigningTool_CLI -dump read it; it is loaded by the STM32MP boot ROM or TF-A BL2" },
	[FMT_STM32_UNKNOWN] = { "stm32-boot", "an STM32 boot-ROM image with an unknown header version",
				"rproc-diag inspect reads the common fields" },
	[FMT_MCUBOOT] = { "mcuboot", "an MCUboot image (imgtool format)",
			  "rproc-diag inspect or imgtool verify read it; it is loaded by MCUboot/TF-M BL2" },
	[FMT_OPTEE_TA] = { "optee-ta", "an OP-TEE signed Trusted Application (\"HSTO\" shdr)",
			   "OP-TEE's scripts/sign_encrypt.py display/verify reads it; tee-supplicant loads it from /lib/optee_armtz" },
	[FMT_FIP] = { "fip", "a TF-A firmware image package (FIP, ToC 0xAA640001)",
		      "fiptool info lists it; TF-A BL2 loads it" },
	[FMT_UIMAGE] = { "uimage", "a U-Boot legacy uImage (magic 0x27051956)",
			 "mkimage -l reads it; U-Boot bootm loads it" },
	[FMT_FIT] = { "fit", "a U-Boot FIT image (flattened device tree with /images)",
		      "mkimage -l or fit_check_sign read it; U-Boot bootm loads it" },
	[FMT_DTB] = { "dtb", "a flattened device tree blob",
		      "dtc -I dtb -O dts reads it; it is not a signed image" },
	[FMT_ESP32] = { "esp32", "an ESP32 application/bootloader image (magic 0xE9)",
			"esptool image-info and espsecure verify-signature read it" },
	[FMT_SFI] = { "sfi", "an ST SFI/SFIx secure firmware install package (recognised by its name only)",
		      "STM32CubeProgrammer installs it through RSS; its layout is not public (UM2238, AN4992)" },
};

const char *fmt_name(enum fmt_kind k)
{
	if ((unsigned int)k >= FMT_KIND_COUNT)
		k = FMT_UNKNOWN;
	return kinds[k].name;
}

const char *fmt_describe(enum fmt_kind k)
{
	if ((unsigned int)k >= FMT_KIND_COUNT)
		k = FMT_UNKNOWN;
	return kinds[k].noun;
}

/*
 * Does a flattened device tree carry a top-level "images" node?  Walks the
 * structure block within the bytes we have; an answer needs the node to
 * start inside `len`.
 */
static bool fdt_has_images(const uint8_t *p, size_t len)
{
	uint32_t off, size, depth = 0;
	size_t pos, end;

	if (len < 40)
		return false;
	off = get_be32(p + 8);
	size = get_be32(p + 36);
	if (off < 40 || off >= len)
		return false;
	end = (size && (uint64_t)off + size < len) ? off + size : len;
	pos = off;
	while (pos + 4 <= end) {
		uint32_t tag = get_be32(p + pos);

		pos += 4;
		if (tag == 1) {			/* FDT_BEGIN_NODE */
			size_t n = 0;

			while (pos + n < end && p[pos + n])
				n++;
			if (pos + n >= end)
				return false;
			if (depth == 1 && n == 6 && !memcmp(p + pos, "images", 6))
				return true;
			depth++;
			pos = (pos + n + 1 + 3) & ~(size_t)3;
		} else if (tag == 2) {		/* FDT_END_NODE */
			if (!depth)
				return false;
			depth--;
		} else if (tag == 3) {		/* FDT_PROP: len, nameoff, value */
			uint32_t plen;

			if (pos + 8 > end)
				return false;
			plen = get_be32(p + pos);
			if (plen > end - pos - 8)
				return false;
			pos = (pos + 8 + plen + 3) & ~(size_t)3;
		} else if (tag == 4) {		/* FDT_NOP */
			continue;
		} else {			/* FDT_END or garbage */
			return false;
		}
	}
	return false;
}

enum fmt_kind fmt_detect(const uint8_t *head, size_t len, uint64_t file_size)
{
	uint32_t le;

	if (!head || len < 4)
		return FMT_UNKNOWN;
	le = get_le32(head);
	switch (le) {
	case 0x3543A468:
		return FMT_OPTEE_RPROC;
	case 0x464C457F:
		return FMT_ELF;
	case 0x324D5453:
		/*
		 * v1.0/v2.0/v2.2 keep header_version at 0x48; v2.3 moved it
		 * to 0x68 (0x48 is then inside the 96-byte signature).
		 */
		if (len >= 0x6C && get_le32(head + 0x68) == 0x00020300)
			return FMT_STM32_V2;
		if (len >= 0x4C && head[0x48] == 0 && head[0x4B] == 0 &&
		    (head[0x4A] == 1 || (head[0x4A] == 2 && head[0x49] <= 2)))
			return head[0x4A] == 1 ? FMT_STM32_V1 : FMT_STM32_V2;
		return FMT_STM32_UNKNOWN;
	case 0x96F3B83D:
	case 0x96F3B83C:
		return FMT_MCUBOOT;
	case 0x4F545348:
		return FMT_OPTEE_TA;
	case 0xAA640001:
		return FMT_FIP;
	default:
		break;
	}
	if (get_be32(head) == 0x27051956)
		return FMT_UIMAGE;
	if (get_be32(head) == 0xD00DFEED)
		return fdt_has_images(head, len) ? FMT_FIT : FMT_DTB;
	/* ESP image header: E9, segment count 1..16, SPI mode 0..5 */
	if (head[0] == 0xE9 && head[1] >= 1 && head[1] <= 16 && head[2] <= 5 &&
	    file_size >= 24)
		return FMT_ESP32;
	return FMT_UNKNOWN;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

enum fmt_kind fmt_detect_path(const char *path, const uint8_t *head, size_t len,
			      uint64_t file_size)
{
	enum fmt_kind k = fmt_detect(head, len, file_size);

	if (k == FMT_UNKNOWN && path &&
	    (ends_with(path, ".sfi") || ends_with(path, ".sfix") || ends_with(path, ".sfixx")))
		return FMT_SFI;
	return k;
}

int fmt_detect_file(const char *path, enum fmt_kind *kind)
{
	uint8_t head[FMT_DETECT_HEAD];
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	while (got < sizeof(head)) {
		n = read(fd, head + got, sizeof(head) - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (!n)
			break;
		got += (size_t)n;
	}
	close(fd);
	*kind = fmt_detect_path(path, head, got, (uint64_t)st.st_size);
	return 0;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

int fmt_wrong_tool(enum fmt_kind actual, enum fmt_kind expected, char *buf, size_t size)
{
	if ((unsigned int)actual >= FMT_KIND_COUNT)
		actual = FMT_UNKNOWN;
	if (expected != FMT_UNKNOWN && (unsigned int)expected < FMT_KIND_COUNT && expected != actual)
		return snprintf(buf, size,
				"this file is not %s: it is really %s; %s.",
				fmt_describe(expected), fmt_describe(actual), kinds[actual].tool);
	return snprintf(buf, size, "this file is %s; %s.", fmt_describe(actual),
			kinds[actual].tool);
}
