namespace OrleansStreams.Rdb;

/// <summary>The constants of Redis 7.0's src/rdb.h that DUMP payloads use.</summary>
public static class RdbFormat
{
    /// <summary>RDB_VERSION of Redis 7.0: the version DUMP writes and the highest RESTORE accepts.</summary>
    public const ushort Version = 10;

    public const byte TypeString = 0;
    public const byte TypeList = 1;
    public const byte TypeSet = 2;
    public const byte TypeHash = 4;
    public const byte TypeHashZipmap = 9;
    public const byte TypeListZiplist = 10;
    public const byte TypeSetIntset = 11;
    public const byte TypeHashZiplist = 13;
    public const byte TypeListQuicklist = 14;
    public const byte TypeStreamListpacks = 15;
    public const byte TypeHashListpack = 16;
    public const byte TypeListQuicklist2 = 18;
    public const byte TypeStreamListpacks2 = 19;

    /// <summary>Quicklist node containers (RDB_TYPE_LIST_QUICKLIST_2).</summary>
    public const ulong QuicklistPlain = 1;
    public const ulong QuicklistPacked = 2;

    public const byte Length32 = 0x80;
    public const byte Length64 = 0x81;
    public const byte EncodedInt8 = 0xc0;
    public const byte EncodedInt16 = 0xc1;
    public const byte EncodedInt32 = 0xc2;
    public const byte EncodedLzf = 0xc3;

    /// <summary>Stream entry flags (t_stream.c).</summary>
    public const long StreamItemDeleted = 1;
    public const long StreamItemSameFields = 2;
}
