//! A minimal zip writer (stored, not compressed): enough to hand brat a folder of `.txt` and
//! `.ann` pairs in one download, without a compression dependency in the wasm.

/// CRC-32 (IEEE), as zip requires for every entry.
fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8)
    })
}

/// A plain (not zip64) archive counts entries and name lengths in 16 bits and sizes and
/// offsets in 32: past these it would wrap silently into a corrupt file.
pub const MAX_ENTRIES: usize = u16::MAX as usize;
pub const MAX_NAME_BYTES: usize = u16::MAX as usize;
pub const MAX_BYTES: u64 = u32::MAX as u64;

/// Bytes a zip of these `(name length, data length)` entries takes, headers included; or why
/// no plain zip can hold them.
pub fn check(entries: &[(usize, usize)]) -> Result<u64, String> {
    if entries.len() > MAX_ENTRIES {
        return Err(format!(
            "a zip holds at most {MAX_ENTRIES} files and this one would hold {}: export fewer \
             documents at a time",
            entries.len()
        ));
    }
    let mut total: u64 = 22;
    for (i, &(name, data)) in entries.iter().enumerate() {
        if name > MAX_NAME_BYTES {
            return Err(format!(
                "file {} of the zip has a name of {name} bytes; a zip allows {MAX_NAME_BYTES}",
                i + 1
            ));
        }
        total += 30 + 46 + 2 * name as u64 + data as u64;
        // Every entry's offset, and the central directory's, must fit in 32 bits.
        if data as u64 > MAX_BYTES || total > MAX_BYTES {
            return Err(
                "the zip would be 4 GiB or more, more than a plain zip can hold: export fewer \
                 documents at a time"
                    .into(),
            );
        }
    }
    Ok(total)
}

/// A zip archive of `(path, contents)` entries, names stored as UTF-8 (flag bit 11); or why
/// one cannot be written (see [`check`]).
pub fn write(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let sizes: Vec<(usize, usize)> = entries.iter().map(|(n, d)| (n.len(), d.len())).collect();
    let total = check(&sizes)?;
    let mut out = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let (size, name_len) = (data.len() as u32, name.len() as u16);
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [20u16, 0x0800, 0, 0, 0x21] {
            out.extend_from_slice(&v.to_le_bytes()); // version, flags (UTF-8), stored, time, date
        }
        for v in [crc, size, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory record.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [20u16, 20, 0x0800, 0, 0, 0x21] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name_len, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (dir_offset, dir_size, n) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, n, n] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&dir_size.to_le_bytes());
    out.extend_from_slice(&dir_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn archive_layout_has_headers_data_and_directory() {
        let zip = write(&[
            ("a.txt".into(), b"Kerry".to_vec()),
            ("東京.ann".into(), b"T1".to_vec()),
        ])
        .unwrap();
        assert_eq!(&zip[..4], b"PK\x03\x04");
        let eocd = zip.len() - 22;
        assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([zip[eocd + 10], zip[eocd + 11]]), 2);
        let dir = u32::from_le_bytes(zip[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
        assert_eq!(&zip[dir..dir + 4], b"PK\x01\x02");
        // The first entry's data follows its 30-byte header and its name.
        assert_eq!(&zip[35..40], b"Kerry");
    }

    /// The count as the end of the archive states it.
    fn stated_entries(zip: &[u8]) -> usize {
        let eocd = zip.len() - 22;
        assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
        u16::from_le_bytes([zip[eocd + 10], zip[eocd + 11]]) as usize
    }

    #[test]
    fn entry_count_limit_is_reached_not_wrapped() {
        let entries: Vec<(String, Vec<u8>)> = (0..MAX_ENTRIES)
            .map(|i| (format!("{i}"), Vec::new()))
            .collect();
        let zip = write(&entries).unwrap();
        assert_eq!(stated_entries(&zip), MAX_ENTRIES);
        let mut more = entries;
        more.push(("one-more".into(), Vec::new()));
        let err = write(&more).unwrap_err();
        assert!(err.contains("at most 65535 files"), "{err}");
    }

    #[test]
    fn name_length_limit_is_reached_not_wrapped() {
        let longest = "n".repeat(MAX_NAME_BYTES);
        let zip = write(&[(longest.clone(), b"x".to_vec())]).unwrap();
        assert_eq!(
            u16::from_le_bytes([zip[26], zip[27]]) as usize,
            MAX_NAME_BYTES
        );
        assert_eq!(zip[30 + MAX_NAME_BYTES], b'x');
        let err = write(&[(longest + "n", b"x".to_vec())]).unwrap_err();
        assert!(err.contains("name of 65536 bytes"), "{err}");
    }

    #[test]
    fn sizes_of_4_gib_are_refused() {
        // Checked by sizes alone: nobody allocates 4 GiB in a test.
        let just = (MAX_BYTES - 22 - 30 - 46 - 2) as usize;
        assert_eq!(check(&[(1, just)]), Ok(MAX_BYTES));
        assert!(check(&[(1, just + 1)]).unwrap_err().contains("4 GiB"));
        let half = (1usize << 31) - 100;
        assert!(check(&[(1, half), (1, half)]).is_ok());
        assert!(check(&[(1, half), (1, half), (1, 200)]).is_err());
    }
}
