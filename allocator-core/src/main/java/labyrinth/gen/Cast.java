package labyrinth.gen;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.trace.Context;
import labyrinth.trace.EntryPoints;

/**
 * The actors of a scenario, indexed by {@link Actor#id()}. {@link #KERNEL} is a plausible mix of a
 * server's kernel: drivers, block queues, file systems, network stack, tasks and interrupt
 * handlers, each allocating with a mask that suits its context (nothing but task context may sleep).
 * Immutable once built.
 */
final class Cast {
    static final String RX_FN = EntryPoints.ATOMIC_EXCLUSIVE;
    static final String ATOMIC_FN = EntryPoints.ATOMIC;
    static final String KERNEL_EXCLUSIVE_FN = EntryPoints.KERNEL_EXCLUSIVE;
    static final String KERNEL_FN = EntryPoints.KERNEL;

    static final Cast KERNEL = kernel();

    private final List<Actor> actors = new ArrayList<>();
    private Actor[] array;

    Cast add(String owner, Context allocCtx, Context useCtx, int cpu, long gfp, String fn, int maxOrder,
             String allocSite, String freeSite, String useSite, String xferSite) {
        actors.add(new Actor(actors.size(), owner, allocCtx, useCtx, cpu, gfp, fn, maxOrder, allocSite, freeSite,
                useSite, xferSite));
        array = null;
        return this;
    }

    Actor[] all() {
        if (array == null) {
            array = actors.toArray(new Actor[0]);
        }
        return array;
    }

    Actor get(int id) {
        return all()[id];
    }

    Actor byOwner(String owner) {
        for (Actor a : all()) {
            if (a.owner().equals(owner)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no actor " + owner);
    }

    int size() {
        return actors.size();
    }

    private static Cast kernel() {
        Cast c = new Cast();
        Context task = Context.TASK;
        // task context: may sleep
        c.add("kworker/u16:2", task, task, -1, Gfp.GFP_KERNEL, null, 3, "process_one_work+0x1f4/0x3c0",
                "process_one_work+0x2a8/0x3c0", "worker_thread+0x11c/0x3f0", "queue_work_on+0x44/0x80");
        c.add("kworker/3:1H", task, task, 3, Gfp.GFP_NOIO, null, 2, "blk_mq_requeue_work+0x5c/0x1b0",
                "blk_mq_free_request+0xd8/0x140", "blk_mq_run_work_fn+0x1c/0x30", "blk_mq_dispatch_rq_list+0x140/0x820");
        for (int q = 1; q <= 4; q++) {
            c.add("nvme0q" + q, task, Context.HARDIRQ, q - 1, Gfp.GFP_NOIO, null, 1, "blk_mq_alloc_request+0x6c/0x1e0",
                    "nvme_pci_complete_rq+0x7c/0x1a0", "nvme_irq+0x15c/0x2a0", "nvme_queue_rq+0x1a4/0x8e0");
        }
        c.add("jbd2/nvme0n1p2-8", task, task, -1, Gfp.GFP_NOFS, null, 2,
                "jbd2_journal_commit_transaction+0x2dc/0x1a40", "jbd2_journal_commit_transaction+0xd14/0x1a40",
                "jbd2_journal_write_metadata_buffer+0x9c/0x3a0", "jbd2_journal_file_buffer+0x58/0xd0");
        c.add("ext4-rsv-conver", task, task, -1, Gfp.GFP_NOFS, null, 1, "ext4_end_io_rsv_work+0x5c/0x1a0",
                "ext4_release_io_end+0x40/0xe0", "ext4_convert_unwritten_io_end_vec+0x74/0x100",
                "ext4_put_io_end_defer+0x8c/0x120");
        c.add("pid:812/postgres", task, task, -1, Gfp.GFP_HIGHUSER_MOVABLE, null, 2, "do_anonymous_page+0x128/0x5e0",
                "zap_pte_range+0x2b8/0x8c0", "handle_mm_fault+0xe0/0x2f0", "shmem_add_to_page_cache+0x1b8/0x390");
        c.add("pid:1204/nginx", task, task, -1, Gfp.GFP_KERNEL_ACCOUNT, null, 3, "alloc_skb_with_frags+0x64/0x1c0",
                "skb_release_data+0x13c/0x1a0", "tcp_sendmsg_locked+0x3a4/0xc80", "tcp_sendmsg_locked+0x5b0/0xc80");
        c.add("pid:1/systemd", task, task, -1, Gfp.GFP_USER, null, 0, "__get_free_pages+0x18/0x50",
                "free_pages+0x1c/0x30", "seq_read_iter+0x120/0x4a0", "pipe_write+0x2f4/0x6b0");
        c.add("pid:2231/java", task, task, -1, Gfp.GFP_TRANSHUGE_LIGHT, null, 9,
                "do_huge_pmd_anonymous_page+0xb4/0x7a0", "free_transhuge_page+0x7c/0xf0", "handle_mm_fault+0xe0/0x2f0",
                "collapse_huge_page+0x2c4/0x9e0");
        c.add("kswapd0", task, task, 0, Gfp.GFP_KERNEL, null, 0, "shrink_folio_list+0x5d4/0xe70",
                "shrink_folio_list+0x8c0/0xe70", "kswapd+0x1e4/0x4c0", "move_folios_to_lru+0x130/0x3b0");
        c.add("xfsaild/dm-0", task, task, -1, Gfp.GFP_NOFS, null, 1, "xfs_buf_alloc_pages+0x6c/0x2a0",
                "xfs_buf_free_pages+0x44/0xa0", "xfsaild_push+0x1b4/0x6c0", "xfs_buf_delwri_submit_buffers+0x118/0x2d0");
        c.add("dm-crypt/1", task, task, -1, Gfp.GFP_NOIO, null, 1, "crypt_alloc_buffer+0x94/0x220",
                "crypt_free_buffer_pages+0x48/0x90", "kcryptd_crypt_write_convert+0x10c/0x2b0",
                "kcryptd_crypt_write_io_submit+0x64/0x190");
        c.add("md0_raid1", task, task, -1, Gfp.GFP_NOIO, null, 2, "r1buf_pool_alloc+0xa0/0x250",
                "r1buf_pool_free+0x3c/0x80", "raid1d+0x2f4/0xe40", "sync_request_write+0x98/0x1c0");
        c.add("i915", task, task, -1, Gfp.GFP_KERNEL | Gfp.EXCLUSIVE, KERNEL_EXCLUSIVE_FN, 0,
                "i915_gem_object_get_pages_internal+0x9c/0x250", "i915_gem_object_put_pages_internal+0x48/0xa0",
                "i915_gem_object_pin_map+0x6c/0x200", "i915_gem_object_set_to_gtt_domain+0x70/0x140");
        c.add("amdgpu", task, task, -1, Gfp.GFP_KERNEL | Gfp.ZERO, null, 4, "ttm_pool_alloc_page+0x44/0x180",
                "ttm_pool_free_page+0x5c/0x110", "amdgpu_ttm_tt_populate+0x8c/0x140", "ttm_bo_move_memcpy+0x1a8/0x300");
        c.add("usb-storage", task, task, -1, Gfp.GFP_NOIO, null, 0, "usb_stor_msg_common+0x64/0x160",
                "usb_stor_transparent_scsi_command+0x1c/0x30", "usb_stor_bulk_transfer_sglist+0x84/0x110",
                "usb_stor_invoke_transport+0x3c/0x580");
        c.add("loop0", task, task, -1, Gfp.GFP_NOIO, null, 1, "lo_rw_aio+0x1c8/0x3b0", "lo_rw_aio_do_completion+0x44/0x70",
                "loop_process_work+0x94/0x7c0", "loop_queue_work+0x1f8/0x360");
        c.add("vhost-4412", task, task, -1, Gfp.GFP_KERNEL_ACCOUNT, null, 1, "vhost_net_buf_produce+0x34/0xc0",
                "vhost_net_buf_unproduce+0x58/0x90", "handle_rx+0x2a4/0x8b0", "vhost_add_used_n+0x100/0x1d0");
        c.add("pid:4410/bash", task, task, -1, Gfp.GFP_KERNEL, KERNEL_FN, 0, "pipe_write+0x2f4/0x6b0",
                "free_pipe_info+0x6c/0xd0", "pipe_read+0x1c8/0x4c0", "splice_pipe_to_pipe+0x13c/0x390");
        // perf allocates its ring in task context and writes it from NMI
        c.add("perf", task, Context.NMI, -1, Gfp.GFP_KERNEL | Gfp.EXCLUSIVE, KERNEL_EXCLUSIVE_FN, 0,
                "perf_mmap_alloc_page+0x2c/0xa0", "perf_mmap_free_page+0x30/0x60", "perf_output_begin+0x1d4/0x340",
                "perf_aux_output_end+0x6c/0x180");
        // atomic context: a spinlock is held, nothing may sleep
        c.add("slab", Context.ATOMIC, Context.ATOMIC, -1, Gfp.GFP_NOWAIT, null, 1, "allocate_slab+0x8c/0x4d0",
                "__free_slab+0x9c/0x110", "___slab_alloc+0x3f0/0x8a0", "deactivate_slab+0x1a4/0x3d0");
        c.add("zram0", Context.ATOMIC, Context.ATOMIC, -1, Gfp.GFP_NOWAIT, null, 0, "zs_malloc+0xa4/0x4c0",
                "zs_free+0x94/0x170", "zram_write_page+0x1c4/0x4b0", "zs_compact+0x2d0/0x6e0");
        c.add("audit", Context.ATOMIC, Context.ATOMIC, -1, Gfp.GFP_ATOMIC, null, 0, "audit_log_start+0x1c4/0x3f0",
                "audit_log_end+0x7c/0xf0", "audit_log_vformat+0x9c/0x1f0", "audit_hold_skb+0x2c/0x80");
        c.add("bpf", Context.ATOMIC, Context.ATOMIC, -1, Gfp.GFP_ATOMIC | Gfp.NOWARN, null, 0, "bpf_map_alloc_pages+0x58/0x120",
                "bpf_ringbuf_free+0x40/0x90", "bpf_ringbuf_reserve+0x6c/0x100", "bpf_ringbuf_submit+0x28/0x60");
        // softirq
        c.add("eth1-rx", Context.SOFTIRQ, Context.SOFTIRQ, 5, Gfp.GFP_ATOMIC, ATOMIC_FN, 0, "page_pool_alloc_pages+0x30/0x60",
                "page_pool_put_defragged_page+0x78/0x1c0", "ixgbe_clean_rx_irq+0x2ac/0xb10",
                "ixgbe_clean_rx_irq+0x5e0/0xb10");
        c.add("tcp", Context.SOFTIRQ, Context.SOFTIRQ, -1, Gfp.GFP_ATOMIC, null, 1, "tcp_stream_alloc_skb+0x3c/0x1f0",
                "skb_release_data+0x13c/0x1a0", "tcp_v4_rcv+0xb8c/0xfd0", "tcp_queue_rcv+0x48/0x160");
        c.add("udp", Context.SOFTIRQ, Context.SOFTIRQ, -1, Gfp.GFP_ATOMIC, null, 0, "__ip_append_data+0x6b8/0xfb0",
                "skb_release_data+0x13c/0x1a0", "udp_queue_rcv_one_skb+0x1d4/0x600", "__udp_enqueue_schedule_skb+0x7c/0x2f0");
        c.add("napi", Context.SOFTIRQ, Context.SOFTIRQ, 2, Gfp.GFP_ATOMIC, null, 0, "napi_alloc_skb+0x54/0x1a0",
                "napi_consume_skb+0x4c/0x100", "napi_gro_receive+0x160/0x200", "netif_receive_skb_list_internal+0x1c8/0x2e0");
        c.add("eth0-tx", Context.SOFTIRQ, Context.SOFTIRQ, 2, Gfp.GFP_ATOMIC, null, 0, "net_tx_action+0x110/0x270",
                "napi_consume_skb+0x4c/0x100", "dev_hard_start_xmit+0x9c/0x1f0", "sch_direct_xmit+0x94/0x2a0");
        c.add("rcu", Context.SOFTIRQ, Context.SOFTIRQ, -1, Gfp.GFP_ATOMIC | Gfp.NOWARN, null, 0, "kvfree_call_rcu+0xd0/0x3a0",
                "rcu_do_batch+0x1c8/0x620", "kfree_rcu_work+0x64/0x1f0", "kfree_rcu_monitor+0x1b8/0x330");
        // hardirq
        c.add("eth0-rx", Context.HARDIRQ, Context.HARDIRQ, 2, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE, RX_FN, 0,
                "rx_refill+0x4c/0x120", "rx_clean+0x1f0/0x2f0", "rx_clean+0x1b0/0x2f0", "rx_clean+0x98/0x2f0");
        c.add("ahci", Context.HARDIRQ, Context.HARDIRQ, 1, Gfp.GFP_ATOMIC, null, 0, "ata_qc_issue+0x10c/0x2c0",
                "ata_qc_complete+0x128/0x3e0", "ahci_handle_port_interrupt+0x14c/0x570", "ata_scsi_qc_complete+0x88/0x420");
        c.add("xhci_hcd", Context.HARDIRQ, Context.HARDIRQ, 4, Gfp.GFP_ATOMIC, null, 0, "xhci_ring_expansion+0x6c/0x1a0",
                "xhci_free_segments_for_ring+0x34/0x80", "xhci_irq+0x4f8/0x1a40", "xhci_giveback_urb_in_irq+0x60/0xc0");
        // nmi: only non-sleeping, warning-free requests
        c.add("ghes", Context.NMI, Context.NMI, 0, Gfp.GFP_NOWAIT, null, 0, "ghes_estatus_cache_add+0x6c/0x1a0",
                "ghes_estatus_cache_rcu_free+0x20/0x40", "ghes_notify_nmi+0x98/0x1c0", "ghes_estatus_pool_shrink+0x3c/0x90");
        return c;
    }
}
