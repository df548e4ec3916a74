package io.sente4j.client.jdk;

import io.sente4j.core.Sente4jException;
import io.sente4j.core.internal.BodyBound;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit ({@link BodyBound}: three times the frame limit plus 4 KiB, at most
 * the largest array): a longer one fails the request, with the limit in the message, instead of growing without
 * bound or past the array that holds it. A body whose declared length is over the limit is refused unread.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final String why;
  private final String what;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private BoundedBody(int maxFrameBytes, long declared, String what) {
    this.limit = BodyBound.bytes(maxFrameBytes);
    this.why = BodyBound.describe(maxFrameBytes);
    this.what = what;
    if (declared > limit) {
      result.completeExceptionally(tooLarge("declares " + declared + " bytes"));
    }
  }

  /** Reads the body of the response to {@code what} up to the bound for a frame limit of {@code maxFrameBytes}. */
  static HttpResponse.BodyHandler<byte[]> handler(int maxFrameBytes, String what) {
    return info -> new BoundedBody(maxFrameBytes, info.headers().firstValueAsLong("content-length").orElse(-1), what);
  }

  private Sente4jException tooLarge(String seen) {
    return new Sente4jException("the response to " + what + " is over the limit of " + limit + " bytes (" + why
        + "): it " + seen);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    if (result.isDone()) {
      s.cancel(); // refused on its declared length
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      if (bytes.size() + (long) b.remaining() > limit) {
        subscription.cancel();
        result.completeExceptionally(tooLarge("has at least " + (bytes.size() + (long) b.remaining()) + " bytes"));
        return;
      }
      byte[] part = new byte[b.remaining()];
      b.get(part);
      bytes.writeBytes(part);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
