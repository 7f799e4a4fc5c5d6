using OrleansStreams.Storage;

namespace OrleansStreams.Grains.UnitTests.Storage;

/// <summary>The journaled-state piece on the file store, with torn tails, failed writes and crashes injected.</summary>
public sealed class JournaledStateTests : IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "os-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Records_replay_in_order_after_reopen()
    {
        var state = await CounterState.OpenAsync(Files());
        await state.AddAsync(1, 2, 3);
        await state.AddAsync(4);
        await state.Run(state.Journal.CloseAsync);

        var reopened = await CounterState.OpenAsync(Files());
        Assert.Equal([1, 2, 3, 4], reopened.Items);
        Assert.Equal(4, reopened.Journal.Sequence);
    }

    [Fact]
    public async Task Torn_tail_at_every_byte_offset_of_the_last_record_is_cut_before_new_records_are_appended()
    {
        var state = await CounterState.OpenAsync(Files());
        for (var i = 1; i <= 5; i++)
        {
            await state.AddAsync(i);
        }
        await state.Run(state.Journal.CloseAsync);
        var journal = JournalFiles().Single();
        var whole = await File.ReadAllBytesAsync(journal);
        var lastFrame = JournalFrame.Size(4);
        var cleanEnd = whole.Length - lastFrame;

        for (var cut = 0; cut < lastFrame; cut++)
        {
            await File.WriteAllBytesAsync(journal, whole.AsSpan(0, cleanEnd + cut).ToArray());

            var reopened = await CounterState.OpenAsync(Files());
            Assert.Equal([1, 2, 3, 4], reopened.Items);
            Assert.Equal(cleanEnd, new FileInfo(journal).Length);
            await reopened.AddAsync(6, 7);
            await reopened.Run(reopened.Journal.CloseAsync);

            var again = await CounterState.OpenAsync(Files());
            Assert.True(again.Items.SequenceEqual([1, 2, 3, 4, 6, 7]), $"cut at byte {cut} of the last record: [{string.Join(",", again.Items)}]");
            await again.Run(again.Journal.CloseAsync);
        }
    }

    [Theory]
    [InlineData(0)] // length
    [InlineData(5)] // checksum
    [InlineData(9)] // sequence
    [InlineData(17)] // payload
    public async Task A_damaged_byte_in_the_last_record_cuts_that_record(int offsetInFrame)
    {
        var state = await CounterState.OpenAsync(Files());
        await state.AddAsync(1);
        await state.AddAsync(2);
        await state.Run(state.Journal.CloseAsync);
        var journal = JournalFiles().Single();
        var data = await File.ReadAllBytesAsync(journal);
        data[JournalFrame.Size(4) + offsetInFrame] ^= 0x40;
        await File.WriteAllBytesAsync(journal, data);

        var reopened = await CounterState.OpenAsync(Files());
        Assert.Equal([1], reopened.Items);
        Assert.Equal(JournalFrame.Size(4), new FileInfo(journal).Length);
    }

    [Fact]
    public async Task A_failed_append_fails_its_waiters_and_every_later_call_at_once_and_reports_once()
    {
        var store = new FaultyLogStore(new MemoryLogStore(durable: true)) { FailAt = StoreStep.Append };
        var state = await CounterState.OpenAsync(store);

        var first = await Assert.ThrowsAsync<StorageFailedException>(() => state.AddAsync(1).WaitAsync(Soon));
        Assert.IsType<IOException>(first.InnerException);
        await Assert.ThrowsAsync<StorageFailedException>(() => state.AddAsync(2).WaitAsync(Soon));
        await Assert.ThrowsAsync<StorageFailedException>(() => state.Journal.Flushed.WaitAsync(Soon));
        await Assert.ThrowsAsync<StorageFailedException>(() => state.CheckpointAsync().WaitAsync(Soon));
        Assert.Single(state.Failures);
        Assert.Single(store.Steps, StoreStep.Append);
    }

    [Fact]
    public async Task Records_queued_behind_a_failed_write_fail_with_it()
    {
        var store = new FaultyLogStore(new MemoryLogStore(durable: true));
        var state = await CounterState.OpenAsync(store);
        var gate = store.Hold(StoreStep.Append);
        store.FailAt = StoreStep.Append;
        var inFlight = state.AddAsync(1);
        var queued = state.AddAsync(2);
        gate.SetResult();

        await Assert.ThrowsAsync<StorageFailedException>(() => inFlight.WaitAsync(Soon));
        await Assert.ThrowsAsync<StorageFailedException>(() => queued.WaitAsync(Soon));
        Assert.Single(state.Failures);
    }

    [Theory]
    [InlineData(StoreStep.WriteSegment)]
    [InlineData(StoreStep.WriteSnapshot)]
    [InlineData(StoreStep.DeleteJournal)]
    [InlineData(StoreStep.DeleteSegments)]
    public Task A_crash_at_any_step_of_a_checkpoint_replays_to_the_same_state(StoreStep step) => CheckpointCrash.ReplaysToTheSameStateAsync(Files, step);

    [Fact]
    public async Task Segments_a_crashed_checkpoint_left_are_listed_for_the_next_owner_and_temp_files_go()
    {
        var faulty = new FaultyLogStore(Files()) { FailAt = StoreStep.WriteSnapshot };
        var crashing = await CounterState.OpenAsync(faulty);
        await crashing.AddAsync([.. Enumerable.Range(1, 25)]);
        await Assert.ThrowsAsync<StorageFailedException>(() => crashing.CheckpointAsync().WaitAsync(Soon));
        var folder = Path.GetDirectoryName(JournalFiles().Single())!;
        await File.WriteAllBytesAsync(Path.Combine(folder, "snapshot.tmp"), [1, 2, 3]);

        var next = await CounterState.OpenAsync(Files());

        Assert.Equal(["0.0", "1.0"], next.Journal.StoredSegments.Order());
        Assert.False(File.Exists(Path.Combine(folder, "snapshot.tmp")));
        Assert.Equal(Enumerable.Range(1, 25), next.Items);
    }

    [Fact]
    public async Task A_checkpoint_naming_a_segment_neither_stored_nor_written_fails_before_the_snapshot_is_replaced()
    {
        var store = new FaultyLogStore(Files());
        var state = await CounterState.OpenAsync(store);
        await state.AddAsync([.. Enumerable.Range(1, 25)]);
        state.ForgetSegmentWrites = true;

        var failed = await Assert.ThrowsAsync<StorageFailedException>(() => state.CheckpointAsync().WaitAsync(Soon));

        Assert.IsType<InvalidDataException>(failed.InnerException);
        Assert.Single(state.Failures);
        Assert.DoesNotContain(StoreStep.WriteSnapshot, store.Steps);
        var reopened = await CounterState.OpenAsync(Files());
        Assert.Equal(Enumerable.Range(1, 25), reopened.Items);
    }

    [Fact]
    public async Task Stored_segments_the_new_snapshot_does_not_name_are_deleted_and_named_ones_kept()
    {
        var state = await CounterState.OpenAsync(Files());
        await state.AddAsync([.. Enumerable.Range(1, 25)]);
        await state.CheckpointAsync();
        Assert.Equal(["0.0", "1.0"], state.Journal.StoredSegments.Order());
        await state.Run(state.Journal.CloseAsync);
        var folder = Path.GetDirectoryName(Directory.EnumerateFiles(_root, "epoch", SearchOption.AllDirectories).Single())!;
        await File.WriteAllBytesAsync(Path.Combine(folder, "seg-7.3"), [1, 2, 3]);

        var next = await CounterState.OpenAsync(Files());
        await next.AddAsync(26);
        await next.CheckpointAsync();

        Assert.Equal(["0.0", "1.0"], next.Journal.StoredSegments.Order());
        Assert.Equal(["seg-0.0", "seg-1.0"], Directory.EnumerateFiles(folder, "seg-*").Select(Path.GetFileName).Order());
        Assert.Equal(Enumerable.Range(1, 26), (await CounterState.OpenAsync(Files())).Items);
    }

    [Fact]
    public async Task An_open_that_a_newer_owner_overtakes_while_it_reads_fails_fenced_with_file_storage()
    {
        var state = await CounterState.OpenAsync(Files());
        await state.AddAsync([.. Enumerable.Range(1, 25)]);
        await state.Run(state.Journal.CloseAsync);
        var epochPath = Directory.EnumerateFiles(_root, "epoch", SearchOption.AllDirectories).Single();
        using var stop = new CancellationTokenSource();
        var opens = 0;
        // Newer owners keep opening (rewriting the epoch in place, as an open does) while this one reads the folder.
        var newerOwners = Task.Run(() =>
        {
            using var epoch = File.OpenHandle(epochPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            var buffer = new byte[8];
            while (!stop.IsCancellationRequested)
            {
                // Under the epoch lock, as an open increments it.
                FileStream gate;
                try
                {
                    gate = new FileStream(epochPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    continue;
                }
                using (gate)
                {
                    RandomAccess.Read(epoch, buffer, 0);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer, System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(buffer) + 1);
                    RandomAccess.Write(epoch, buffer, 0);
                }
                Interlocked.Increment(ref opens);
            }
        });
        try
        {
            var deadline = DateTime.UtcNow + Soon;
            while (Volatile.Read(ref opens) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the newer owners never opened");
                await Task.Yield();
            }
            // Whether a newer owner gets in while one open reads is up to the scheduler: of many opens, some must fail
            // fenced (without the re-check at the end of an open, none does).
            var fenced = 0;
            for (var attempt = 0; attempt < 200 && fenced == 0; attempt++)
            {
                try
                {
                    await (await Files().OpenAsync("counter")).DisposeAsync();
                }
                catch (StorageFencedException)
                {
                    fenced++;
                }
            }
            Assert.True(fenced > 0, "no open failed fenced although newer owners kept opening");
        }
        finally
        {
            await stop.CancelAsync();
            await newerOwners;
        }
    }

    [Fact]
    public async Task Owners_opening_one_file_store_folder_at_once_get_distinct_epochs_so_only_the_last_one_writes()
    {
        // Silos sharing one data folder may open the same object at the same moment (failover); the epoch's
        // read-increment-write must not let two of them hold the same epoch and both pass the fence.
        for (var round = 0; round < 50; round++)
        {
            var id = $"contended-{round}";
            using var start = new ManualResetEventSlim();
            var opens = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return Files().OpenAsync(id);
            })).ToList();
            start.Set();
            // An open that a newer one overtook while it read fails fenced itself; the others all finish before any writes.
            var sessions = new List<ILogSession>();
            foreach (var open in opens)
            {
                try
                {
                    sessions.Add(await open);
                }
                catch (StorageFencedException)
                {
                }
            }
            var written = 0;
            foreach (var session in sessions)
            {
                try
                {
                    await session.WriteSnapshotAsync([1, 2, 3]);
                    written++;
                }
                catch (StorageFencedException)
                {
                }
                await session.DisposeAsync();
            }
            Assert.Equal(1, written);
        }
    }

    [Fact]
    public async Task Appends_commit_while_a_checkpoint_is_written_and_records_after_its_sequence_survive()
    {
        var faulty = new FaultyLogStore(Files());
        var state = await CounterState.OpenAsync(faulty);
        await state.AddAsync([.. Enumerable.Range(1, 12)]);
        var gate = faulty.Hold(StoreStep.WriteSnapshot);
        var checkpoint = state.CheckpointAsync();
        await WaitUntil(() => faulty.Steps.Contains(StoreStep.WriteSnapshot));

        // The snapshot write is held: appends keep committing, into the next journal generation.
        for (var i = 13; i <= 20; i++)
        {
            await state.AddAsync(i).WaitAsync(Soon);
        }
        Assert.False(checkpoint.IsCompleted);
        gate.SetResult();
        await checkpoint.WaitAsync(Soon);
        Assert.Equal(["journal.1"], JournalFiles().Select(Path.GetFileName));

        var reopened = await CounterState.OpenAsync(Files());
        Assert.Equal(Enumerable.Range(1, 20), reopened.Items);
    }

    [Fact]
    public async Task Checkpoints_start_by_themselves_after_the_configured_number_of_records()
    {
        var state = await CounterState.OpenAsync(Files(), recordsPerCheckpoint: 10);
        for (var i = 1; i <= 45; i++)
        {
            await state.AddAsync(i);
        }
        // Each checkpoint covers at least ten records; how many more arrive while one is written depends on timing.
        await WaitUntil(() => state.Journal.Generation >= 2);
        await state.Run(state.Journal.CloseAsync);

        Assert.True(JournalFiles().Count <= 2, string.Join(", ", JournalFiles()));
        var reopened = await CounterState.OpenAsync(Files());
        Assert.Equal(Enumerable.Range(1, 45), reopened.Items);
    }

    [Fact]
    public async Task A_large_snapshot_is_rewritten_only_after_the_journal_has_grown_as_large()
    {
        // Nothing seals, so the snapshot holds every number: a checkpoint per record would rewrite it 200 times.
        var state = await CounterState.OpenAsync(Files(), recordsPerCheckpoint: 1, segmentSize: int.MaxValue);
        for (var i = 1; i <= 200; i++)
        {
            await state.AddAsync(i);
        }
        await state.Run(state.Journal.CloseAsync);

        // Each checkpoint waits until the journal since the last one is as large as its snapshot: the snapshot
        // doubles between checkpoints, so about log2(200) of them, not one per record. A checkpoint runs off the
        // commit path and the records that arrive while it is written wait for the next, so on a loaded machine
        // there are fewer, larger ones (2 were seen under a parallel test run), never more.
        Assert.InRange(state.Journal.Generation, 2, 12);
        var reopened = await CounterState.OpenAsync(Files());
        Assert.Equal(Enumerable.Range(1, 200), reopened.Items);
    }

    [Fact]
    public async Task A_second_owner_fences_off_the_first_with_file_storage() => await SecondOwnerFencesFirst(Files);

    [Fact]
    public async Task A_second_owner_fences_off_the_first_with_memory_storage()
    {
        var memory = new MemoryLogStore(durable: true);
        await SecondOwnerFencesFirst(() => memory);
    }

    [Fact]
    public async Task Closing_releases_the_journal_file_handle()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var state = await CounterState.OpenAsync(Files());
        await state.AddAsync(1);
        Assert.Contains(JournalFiles().Single(), OpenFiles());
        await state.Run(state.Journal.CloseAsync);
        Assert.DoesNotContain(JournalFiles().Single(), OpenFiles());
    }

    [Fact]
    public async Task Delete_removes_the_state_and_the_object_starts_empty()
    {
        var state = await CounterState.OpenAsync(Files());
        await state.AddAsync(1, 2);
        await state.CheckpointAsync();
        await state.AddAsync(3);
        await state.Run(state.Journal.DeleteAsync);
        await state.AddAsync(4);
        await state.Run(state.Journal.CloseAsync);

        var reopened = await CounterState.OpenAsync(Files());
        Assert.Equal([4], reopened.Items);
    }

    private static async Task SecondOwnerFencesFirst(Func<ILogStore> store)
    {
        var first = await CounterState.OpenAsync(store());
        await first.AddAsync(1);
        var second = await CounterState.OpenAsync(store());
        Assert.Equal([1], second.Items);

        var fenced = await Assert.ThrowsAsync<StorageFailedException>(() => first.AddAsync(2).WaitAsync(Soon));
        Assert.IsType<StorageFencedException>(fenced.InnerException);
        Assert.Single(first.Failures);
        await second.AddAsync(3);

        var third = await CounterState.OpenAsync(store());
        Assert.Equal([1, 3], third.Items);
    }

    private FileLogStore Files() => new(_root);

    private List<string> JournalFiles() =>
        Directory.Exists(_root) ? [.. Directory.EnumerateFiles(_root, "journal.*", SearchOption.AllDirectories).Order()] : [];

    private static HashSet<string> OpenFiles() =>
        Directory.EnumerateFiles("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget).OfType<string>().ToHashSet();

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
